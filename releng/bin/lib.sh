# Shared by the scripts in releng/bin; sourced, not run.
# Finds the repository root, a JDK >= 21, and builds what the headless checkers need.

WARDEN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WARDEN_M2="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"

warden_die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

# Prints the major version of the java at $1/bin/java, or nothing.
warden_java_major() {
	"$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

# Sets JAVA_HOME to a JDK >= 21: JAVA_HOME if it is one, else the newest under /usr/lib/jvm, else the one on PATH.
warden_find_jdk() {
	local candidate major
	for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV) \
		"$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
		candidate="${candidate%/}"
		[ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
		major="$(warden_java_major "$candidate")"
		if [ -n "$major" ] && [ "$major" -ge 21 ]; then
			export JAVA_HOME="$candidate"
			export PATH="$JAVA_HOME/bin:$PATH"
			return 0
		fi
	done
	warden_die "no JDK 21 or newer was found. Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) and set JAVA_HOME to it."
}

warden_mvn() {
	(cd "$WARDEN_ROOT" && ./mvnw -B -ntp "$@")
}

# The version of a Maven artifact as the target platform names it.
warden_target_version() {
	sed -n "s:.*<artifactId>$1</artifactId><version>\([^<]*\)</version>.*:\1:p" "$WARDEN_ROOT/releng/warden.target" | head -n 1
}

# Prints the class path of the headless core (its jar and the libraries its policy code uses: Gson, JGit with SLF4J,
# jsoup), building the core
# first when its jar is missing or older than its sources.
warden_core_classpath() {
	local jar
	jar="$(ls "$WARDEN_ROOT"/bundles/dev.warden.core/target/dev.warden.core-*.jar 2>/dev/null | grep -v sources | head -n 1)"
	if [ -z "$jar" ] || [ -n "$(find "$WARDEN_ROOT/bundles/dev.warden.core/src" "$WARDEN_ROOT/bundles/dev.warden.core/META-INF" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
		echo "$(basename "$0"): building the Warden core first (once)..." >&2
		warden_mvn -q -pl bundles/dev.warden.core package -DskipTests >&2 || warden_die "the core did not build; see the messages above."
		jar="$(ls "$WARDEN_ROOT"/bundles/dev.warden.core/target/dev.warden.core-*.jar | grep -v sources | head -n 1)"
	fi
	local gson jgit jsoup slf4j slf4j_version
	gson="$WARDEN_M2/com/google/code/gson/gson/$(warden_target_version gson)/gson-$(warden_target_version gson).jar"
	jgit="$WARDEN_M2/org/eclipse/jgit/org.eclipse.jgit/$(warden_target_version org.eclipse.jgit)/org.eclipse.jgit-$(warden_target_version org.eclipse.jgit).jar"
	jsoup="$WARDEN_M2/org/jsoup/jsoup/$(warden_target_version jsoup)/jsoup-$(warden_target_version jsoup).jar"
	slf4j_version="$(warden_target_version slf4j-jdk14)"
	slf4j="$WARDEN_M2/org/slf4j/slf4j-api/$slf4j_version/slf4j-api-$slf4j_version.jar:$WARDEN_M2/org/slf4j/slf4j-jdk14/$slf4j_version/slf4j-jdk14-$slf4j_version.jar"
	local entry
	for entry in "$gson" "$jgit" "$jsoup" ${slf4j//:/ }; do
		[ -f "$entry" ] || warden_die "$entry is missing; run './mvnw verify' once to fetch the target platform."
	done
	echo "$jar:$gson:$jgit:$jsoup:$slf4j"
}

# Runs a checker's main class of the core with the arguments given.
warden_run_checker() {
	local main="$1"
	shift
	warden_find_jdk
	local classpath
	classpath="$(warden_core_classpath)" || exit 1
	# The checkers read and print UTF-8. Under an ASCII locale (LANG=C) the JVM could not even name a file whose name
	# is not ASCII, so it gets a UTF-8 locale for file names; the checkers refuse such names cleanly without one.
	if [ "$(locale charmap 2>/dev/null)" != "UTF-8" ] && locale -a 2>/dev/null | grep -qix 'C.utf-\?8'; then
		export LC_ALL=C.UTF-8
	fi
	exec "$JAVA_HOME/bin/java" -cp "$classpath" "$main" "$@"
}
