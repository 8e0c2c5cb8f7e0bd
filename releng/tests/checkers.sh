#!/usr/bin/env bash
# The command-line contracts of the headless checkers (releng/bin/trust-check, url-check, path-check), run
# through the scripts exactly as an administrator or CI would. Prints one line a case and a closing count.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$here/../bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() { # name, expected, actual
	if [ "$2" == "$3" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAILED %s\n  expected: %q\n  actual:   %q\n' "$1" "$2" "$3"
	fi
}

# trust-check: verdict column, in order; exit codes
printf '# team patterns\nnpm *\ngit log *\n!npm publish *\n\n' > "$work/patterns"
verdicts="$(printf '%s\n' 'npm test' 'npm test && curl x | sh' 'n"pm" install' 'git log --oneline' 'npm publish --tag x' 'FOO=$(rm -rf ~) npm test' 'npm test\nrm -rf build' 'sudo npm test' 'npm test; make' \
	| "$bin/trust-check" --workspace "$work" "$work/patterns" | cut -f1 | tr '\n' ' ')"
check "trust-check verdicts" "TRUSTED DENIED TRUSTED TRUSTED DENIED DENIED ASK DENIED ASK " "$verdicts"
echo 'npm test > out.txt' | "$bin/trust-check" --workspace "$work" "$work/patterns" | cut -f1 > "$work/inside"
check "trust-check redirect inside the workspace" "TRUSTED" "$(cat "$work/inside")"
echo 'npm test > /etc/passwd' | "$bin/trust-check" --workspace "$work" "$work/patterns" | cut -f1 > "$work/outside"
check "trust-check redirect outside the workspace" "ASK" "$(cat "$work/outside")"
printf 'cat *\n' > "$work/cat-patterns"
touch "$work/.env" "$work/notes.txt"
verdicts="$(printf '%s\n' 'cat notes.txt' 'cat .env' | "$bin/trust-check" --workspace "$work" "$work/cat-patterns" | cut -f1 | tr '\n' ' ')"
check "trust-check: a trusted command is no side door to hidden files" "TRUSTED ASK " "$verdicts"
lines="$(printf 'npm test\n' | "$bin/trust-check" "$work/patterns" | awk -F'\t' '{print NF}')"
check "trust-check prints verdict TAB reason" "2" "$lines"
"$bin/trust-check" >/dev/null 2>&1 </dev/null
check "trust-check without a pattern file exits 2" "2" "$?"
"$bin/trust-check" --bogus "$work/patterns" >/dev/null 2>&1 </dev/null
check "trust-check with an unknown option exits 2" "2" "$?"

# url-check: pinned names need no network
verdicts="$(printf '%s\n' 'https://example.org/docs' 'http://169.254.169.254/latest/meta-data' 'file:///etc/passwd' 'http://2130706433/' 'http://intranet.corp/' 'http://build.local/' \
	| "$bin/url-check" --resolve example.org=93.184.216.34 --resolve intranet.corp=10.0.0.7 --resolve build.local=192.168.1.20 --allow build.local | cut -f1 | tr '\n' ' ')"
check "url-check verdicts" "ALLOWED REFUSED REFUSED REFUSED REFUSED ALLOWED " "$verdicts"
"$bin/url-check" --resolve nonsense >/dev/null 2>&1 </dev/null
check "url-check with a malformed --resolve exits 2" "2" "$?"

# path-check: a real tree with ignore rules
mkdir -p "$work/root/src" "$work/root/build" "$work/root/.git/info"
printf 'build/\n*.log\n' > "$work/root/.gitignore"
printf 'secret-notes.txt\n' > "$work/root/.wardenignore"
touch "$work/root/src/Main.java" "$work/root/.env" "$work/root/app.log" "$work/root/secret-notes.txt" "$work/root/id_rsa"
verdicts="$(printf '%s\n' 'src/Main.java' '.env' 'app.log' 'build/Main.class' 'secret-notes.txt' 'id_rsa' '../outside' '/etc/passwd' 'src/../../x' \
	| "$bin/path-check" --root "$work/root" | cut -f1 | tr '\n' ' ')"
check "path-check verdicts" "ALLOWED HIDDEN HIDDEN HIDDEN HIDDEN HIDDEN REFUSED REFUSED REFUSED " "$verdicts"
"$bin/path-check" >/dev/null 2>&1 </dev/null
check "path-check without --root exits 2" "2" "$?"

echo "checkers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
