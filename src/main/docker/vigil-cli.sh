#!/bin/sh
# Vigil's command line inside the image, e.g. `docker exec -e VIGIL_TOKEN=... vigil vigil status`: a plain JVM with
# only what the client needs on its class path (no Quarkus start). It talks to the Vigil of this container by default.
lib=/deployments/lib/main
cp=$(ls /deployments/app/*.jar | head -n 1)
for jar in "$lib"/info.picocli.picocli-*.jar "$lib"/com.fasterxml.jackson.core.jackson-*.jar \
           "$lib"/com.fasterxml.jackson.dataformat.jackson-dataformat-yaml-*.jar "$lib"/org.yaml.snakeyaml-*.jar \
           "$lib"/com.fasterxml.jackson.datatype.jackson-datatype-jsr310-*.jar "$lib"/com.google.re2j.re2j-*.jar \
           "$lib"/jakarta.validation.jakarta.validation-api-*.jar "$lib"/io.quarkus.quarkus-jackson-[0-9]*.jar; do
  [ -f "$jar" ] && cp="$cp:$jar"
done
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "$cp" io.vigil.cli.VigilCli "$@"
