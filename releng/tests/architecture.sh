#!/usr/bin/env bash
# Checks Warden's structure in the built jars with jdeps (see ArchitectureCheck.java): no UI import of the core's
# internals, no cycle between the core's API and internal classes, UI packages named by feature.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../bin/lib.sh"
warden_find_jdk
core="$(ls "$WARDEN_ROOT"/bundles/dev.warden.core/target/dev.warden.core-*.jar | grep -v sources | head -n 1)"
ui="$(ls "$WARDEN_ROOT"/bundles/dev.warden.ui/target/dev.warden.ui-*.jar | grep -v sources | head -n 1)"
exec "$JAVA_HOME/bin/java" "$here/ArchitectureCheck.java" "$core" "$ui"
