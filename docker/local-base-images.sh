#!/usr/bin/env bash
# Base images for docker/Dockerfile and docker/compose.yaml built from Debian's packages, for a machine whose Docker
# engine cannot reach Docker Hub (it reaches a Debian mirror). Needs root, docker and debootstrap (Debian packages
# docker.io and debootstrap). Makes three images:
#   moltx-base/build:bookworm    Debian 12, OpenJDK 17 JDK and Maven      (stands in for maven:3.9-eclipse-temurin-17)
#   moltx-base/runtime:bookworm  Debian 12, OpenJDK 17 JRE, headless       (stands in for eclipse-temurin:17-jre)
#   moltx-base/nginx:bookworm    Debian 12, nginx-light                     (stands in for nginx:1.27-alpine)
# then: docker/docker-check.sh builds the moltx image on them and runs it. Same Java 17 and the same Dockerfile steps;
# the difference is the JDK build (Debian's OpenJDK instead of Temurin's).
set -euo pipefail
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
WORK=$(mktemp -d /tmp/moltx-base.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if ! docker image inspect moltx-base/debian:bookworm >/dev/null 2>&1; then
  echo "local-base-images: debootstrap bookworm from $MIRROR"
  debootstrap --variant=minbase bookworm "$WORK/rootfs" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  tar -C "$WORK/rootfs" -c . | docker import - moltx-base/debian:bookworm
fi

# The host's own CAs (/usr/local/share/ca-certificates: e.g. a TLS-inspecting proxy's) are trusted in the images too,
# so that Maven in the build image reaches Maven Central the way the host does.
mkdir -p "$WORK/ca"
cp /usr/local/share/ca-certificates/*.crt "$WORK/ca/" 2>/dev/null || true

image() { # NAME PACKAGES CMD-JSON
  printf '%s\n' 'FROM moltx-base/debian:bookworm' 'COPY ca/ /usr/local/share/ca-certificates/' \
    "RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ca-certificates $2 && update-ca-certificates && rm -rf /var/lib/apt/lists/*" \
    "$3" > "$WORK/Dockerfile.$1"
  docker build --network host -q -t "moltx-base/$1:bookworm" -f "$WORK/Dockerfile.$1" "$WORK" >/dev/null
  echo "local-base-images: moltx-base/$1:bookworm"
}
image build "openjdk-17-jdk-headless ca-certificates-java maven" 'CMD ["bash"]'
image runtime "openjdk-17-jre-headless ca-certificates-java" 'CMD ["bash"]'
image nginx "nginx-light" 'CMD ["nginx", "-g", "daemon off;"]'
