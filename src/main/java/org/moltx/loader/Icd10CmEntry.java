package org.moltx.loader;

/** One line of a CMS ICD-10-CM order file: the code as CMS writes it (no dot), flag and titles. */
record Icd10CmEntry(String code, boolean billable, String shortTitle, String longTitle) {}
