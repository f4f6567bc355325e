package org.moltx.fhir;

import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import ca.uhn.fhir.util.FhirTerser;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Type;

/**
 * {@code GET /metadata}: HAPI's generated CapabilityStatement (resources, interactions, search parameters and
 * operations from the registered providers), completed with what a terminology server states (identity,
 * {@code instantiates} terminology-server, software, the tx ecosystem feature extensions) and made deterministic
 * apart from {@code date}: no random id or host-dependent URLs, the HL7 canonicals for the operations, sorted lists.
 */
public final class TerminologyServerCapabilityStatementProvider extends ServerCapabilityStatementProvider {
  static final String URL = "http://moltx.org/fhir/CapabilityStatement/moltx";
  static final String FEATURE = "http://hl7.org/fhir/uv/application-feature/StructureDefinition/feature";
  static final String TEST_VERSION_FEATURE = "http://hl7.org/fhir/uv/tx-tests/FeatureDefinition/test-version";
  static final String CODE_SYSTEM_AS_PARAMETER_FEATURE =
      "http://hl7.org/fhir/uv/tx-ecosystem/FeatureDefinition/CodeSystemAsParameter";
  /**
   * The version of the HL7 tx ecosystem tests moltx is run against: conformance/tx-tests/history.json says "1.90"
   * (after 1.7.7), which the tests' own capstmt.json rejects as not a semver, so it is stated as 1.9.0.
   */
  static final String TX_TESTS_VERSION = "1.9.0";
  static final String TERMINOLOGY_SERVER = "http://hl7.org/fhir/CapabilityStatement/terminology-server";

  /** Operation canonicals by resource type and name; the HL7 definitions where there is one. */
  private static final Map<String, String> DEFINITIONS = Map.of(
      "CodeSystem/lookup", "http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup",
      "CodeSystem/validate-code", "http://hl7.org/fhir/OperationDefinition/CodeSystem-validate-code",
      "CodeSystem/subsumes", "http://hl7.org/fhir/OperationDefinition/CodeSystem-subsumes",
      "ValueSet/expand", "http://hl7.org/fhir/OperationDefinition/ValueSet-expand",
      "ValueSet/validate-code", "http://hl7.org/fhir/OperationDefinition/ValueSet-validate-code",
      "ValueSet/batch-validate-code", "http://moltx.org/fhir/OperationDefinition/ValueSet-batch-validate-code",
      "ConceptMap/translate", "http://hl7.org/fhir/OperationDefinition/ConceptMap-translate",
      "/versions", VersionsOperation.DEFINITION,
      "/cache-control", CacheControlOperation.DEFINITION);

  public TerminologyServerCapabilityStatementProvider(RestfulServer server) {
    super(server);
    setPublisher("moltx");
  }

  @Override
  protected void postProcess(FhirTerser terser, IBaseConformance conformance) {
    super.postProcess(terser, conformance);
    complete((CapabilityStatement) conformance);
  }

  static void complete(CapabilityStatement cs) {
    cs.setId((String) null);
    cs.setText(null);
    cs.setExtension(List.of(
        feature(TEST_VERSION_FEATURE, new CodeType(TX_TESTS_VERSION)),
        feature(CODE_SYSTEM_AS_PARAMETER_FEATURE, new BooleanType(true))));
    cs.setUrl(URL).setVersion(Software.VERSION).setName("MoltxCapabilityStatement")
        .setTitle("moltx FHIR R4 terminology server").setStatus(PublicationStatus.ACTIVE).setExperimental(false)
        .setPublisher("moltx").setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
    cs.setDescription("moltx: a FHIR R4 terminology server for CPT, ICD-10-CM and related US code systems");
    cs.setInstantiates(List.of(new CanonicalType(TERMINOLOGY_SERVER)));
    cs.getSoftware().setName("moltx").setVersion(Software.VERSION)
        .setReleaseDateElement(new DateTimeType(Software.RELEASE_DATE));
    cs.getImplementation().setDescription("moltx FHIR R4 terminology server").setUrl(null);
    cs.setFhirVersion(org.hl7.fhir.r4.model.Enumerations.FHIRVersion._4_0_1);
    cs.setFormat(List.of(new CodeType("application/fhir+json"), new CodeType("application/fhir+xml")));
    for (CapabilityStatementRestComponent rest : cs.getRest()) {
      rest.getResource().sort(Comparator.comparing(CapabilityStatementRestResourceComponent::getType));
      for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
        resource.getInteraction().sort(Comparator.comparing(i -> i.getCode().toCode()));
        canonicals(resource.getType(), resource.getOperation());
      }
      // @Transaction serves batch Bundles only: this server is read-only and refuses transactions
      rest.getInteraction().clear();
      rest.addInteraction().setCode(SystemRestfulInteraction.BATCH)
          .setDocumentation("batch Bundles of terminology operations; transactions are refused (read-only server)");
      canonicals("", rest.getOperation());
    }
  }

  private static void canonicals(String type, List<CapabilityStatementRestResourceOperationComponent> operations) {
    operations.sort(Comparator.comparing(CapabilityStatementRestResourceOperationComponent::getName));
    for (CapabilityStatementRestResourceOperationComponent op : operations) {
      String definition = DEFINITIONS.get(type + "/" + op.getName());
      if (definition != null) {
        op.setDefinition(definition);
      }
    }
  }

  private static Extension feature(String definition, Type value) {
    Extension feature = new Extension(FEATURE);
    feature.addExtension(new Extension("definition", new CanonicalType(definition)));
    feature.addExtension(new Extension("value", value));
    return feature;
  }
}
