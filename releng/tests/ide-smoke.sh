#!/usr/bin/env bash
# Starts the IDE that releng/bin/run-ide starts (the materialized product with Warden installed from the update
# site) on a fresh workspace, under the current display, and checks that the workbench comes up and stays up, without
# errors in its log. Prints a closing count like the other contract checks.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../bin/lib.sh"
warden_find_jdk
ide="$WARDEN_ROOT/releng/dev.warden.ide/target/products/dev.warden.ide/linux/gtk/x86_64"
launcher="$(ls "$ide"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1)"
workspace="$(mktemp -d)"
passed=0
failed=0
check() { # name, condition result (0 = ok), detail
	if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED $1: $3"; fi
}

if [ -z "$launcher" ]; then
	check "the IDE was built" 1 "no launcher under $ide"
else
	grep -q '^dev.warden.ui,' "$ide/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"
	check "Warden is installed in the IDE" $? "dev.warden.ui is not in bundles.info"
	(cd "$ide" && exec "$JAVA_HOME/bin/java" -Xmx1g -jar "$launcher" -data "$workspace" -consoleLog > "$workspace/console.txt" 2>&1) &
	pid=$!
	# a broken start-up (a bundle that does not resolve, a missing class) ends the process within seconds
	for _ in $(seq 1 40); do
		sleep 1
		kill -0 "$pid" 2>/dev/null || break
	done
	sleep 5
	kill -0 "$pid" 2>/dev/null
	alive=$?
	check "the IDE is still running after start-up" $alive "it exited; console: $(tail -n 20 "$workspace/console.txt")"
	! grep -q "Application error\|!ENTRY org.eclipse.osgi 4\|FrameworkEvent ERROR\|ClassNotFoundException\|NoClassDefFoundError" "$workspace/console.txt" "$workspace/.metadata/.log" 2>/dev/null
	check "no start-up errors" $? "$(grep -h -A3 'Application error\|FrameworkEvent ERROR\|ClassNotFound\|NoClassDef' "$workspace/console.txt" "$workspace/.metadata/.log" 2>/dev/null | head -n 20)"
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
fi
rm -rf "$workspace"
echo "ide: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
