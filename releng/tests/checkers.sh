#!/usr/bin/env bash
# The command-line contracts of the headless checkers (releng/bin/trust-check, url-check, path-check) and of
# releng/bin/sandbox-run, run through the scripts exactly as an administrator or CI would. Prints one line a case
# and a closing count.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$here/../bin"
work="$(mktemp -d)"
# some cases run the checkers with another HOME: the libraries stay where they are
export MAVEN_REPO_LOCAL="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
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

verdicts="$(printf 'npm test\rrm -rf x\n\377\376\nnpm test\n' | "$bin/trust-check" "$work/patterns" | cut -f1 | tr '\n' ' ')"
check "trust-check: one answer per line whatever the bytes, the next line answered" "ASK ASK TRUSTED " "$verdicts"

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

# every checker: one answer per input line whatever its bytes, control characters escaped, the next line answered
answers="$(printf 'https://example.org/a\rb\nhttp://x\000y/\n\377\376\nhttps://example.org/\n' \
	| "$bin/url-check" --resolve example.org=93.184.216.34)"
check "url-check: one answer per line, whatever the bytes" "4" "$(printf '%s\n' "$answers" | wc -l | tr -d ' ')"
check "url-check: the line after bad bytes is answered" "ALLOWED" "$(printf '%s\n' "$answers" | sed -n 4p | cut -f1)"
check "url-check: no raw control character in an answer" "0" "$(printf '%s\n' "$answers" | tr -d '\t\n' | LC_ALL=C grep -c '[[:cntrl:]]')"
reason="$(printf 'http://[\033[31m]/\n' | "$bin/url-check" | cut -f2)"
check "url-check: ESC in a reason is escaped" "control or white-space character U+001B in URL" "$reason"

# url-check: a host of ~1,400 labels is refused at once, and the next line is answered
long_host="$(printf 'a.%.0s' $(seq 1400))example"
verdicts="$(printf '%s\n' "http://$long_host/" 'http://build_server.example/' | "$bin/url-check" --resolve build_server.example=93.184.216.34 | cut -f1 | tr '\n' ' ')"
check "url-check: 1,400 labels, then a name with '_'" "REFUSED ALLOWED " "$verdicts"

# url-check: every spelling of an address means the same; IPv6 forms carrying IPv4 are judged by it
verdicts="$(printf '%s\n' 'http://0177.0.0.1/' 'http://[::ffff:0177.0.0.1]/' 'http://[::ffff:a9fe:a9fe]/' 'http://[::8.8.8.8]/' \
	'http://[::ffff:0:127.0.0.1]/' 'http://[64:ff9b::169.254.169.254]/' 'http://[2002:c0a8:0101::1]/' 'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/' \
	'http://[64:ff9b::8.8.8.8]/' | "$bin/url-check" | cut -f1 | tr '\n' ' ')"
check "url-check: embedded IPv4 and octal spellings" "REFUSED REFUSED REFUSED REFUSED REFUSED REFUSED REFUSED REFUSED ALLOWED " "$verdicts"
reason="$(printf 'http://[::ffff:0177.0.0.1]/\n' | "$bin/url-check" | cut -f2)"
check "url-check: ::ffff:0177.0.0.1 is read as inet_aton reads 0177.0.0.1" "address 127.0.0.1 is a loopback address" "$reason"

# url-check: --resolve takes several addresses per name (comma-separated or repeated); any refused one refuses
verdicts="$(printf '%s\n' 'https://multi.example/' 'https://twice.example/' 'https://both.example/' \
	| "$bin/url-check" --resolve multi.example=93.184.216.34,10.0.0.7 --resolve twice.example=93.184.216.34 \
		--resolve twice.example=169.254.169.254 --resolve 'both.example=93.184.216.34,[2606:4700::1111]' | cut -f1 | tr '\n' ' ')"
check "url-check: several addresses per name" "REFUSED REFUSED ALLOWED " "$verdicts"
"$bin/url-check" --resolve multi.example=93.184.216.34, >/dev/null 2>&1 </dev/null
check "url-check with an empty address in --resolve exits 2" "2" "$?"

# path-check: an invalid .git (empty file or folder, stale gitdir: pointer) starts no repository, as in git
mkdir -p "$work/repo/emptyfile/build" "$work/repo/emptydir/.git" "$work/repo/stale" "$work/repo/src"
git -C "$work/repo" init -q . 2>/dev/null || mkdir -p "$work/repo/.git/objects" "$work/repo/.git/refs"
[ -f "$work/repo/.git/HEAD" ] || echo 'ref: refs/heads/main' > "$work/repo/.git/HEAD"
printf 'build/\n*.log\n' > "$work/repo/.gitignore"
: > "$work/repo/emptyfile/.git"
echo 'gitdir: ../.git/modules/stale' > "$work/repo/stale/.git"
touch "$work/repo/emptyfile/build/a.class" "$work/repo/emptydir/b.log" "$work/repo/stale/c.log" "$work/repo/src/d.bak" "$work/repo/src/e.txt"
mkdir -p "$work/home/.config/git"
printf '*.bak\n' > "$work/home/.config/git/ignore"
verdicts="$(printf '%s\n' emptyfile/build/a.class emptydir/b.log stale/c.log src/d.bak src/e.txt \
	| HOME="$work/home" XDG_CONFIG_HOME= GIT_CONFIG_NOSYSTEM=1 "$bin/path-check" --root "$work/repo" | cut -f1 | tr '\n' ' ')"
check "path-check: rules apply below invalid .git entries; ~/.config/git/ignore counts" "HIDDEN HIDDEN HIDDEN HIDDEN ALLOWED " "$verdicts"
printf '[core]\n\texcludesFile = ~/my-ignore\n' > "$work/home/.gitconfig"
printf '*.txt\n' > "$work/home/my-ignore"
verdicts="$(printf '%s\n' src/d.bak src/e.txt | HOME="$work/home" XDG_CONFIG_HOME= GIT_CONFIG_NOSYSTEM=1 "$bin/path-check" --root "$work/repo" | cut -f1 | tr '\n' ' ')"
check "path-check: core.excludesFile in ~/.gitconfig replaces the default" "ALLOWED HIDDEN " "$verdicts"

# path-check: credential files of common tools are hidden, ordinary files with similar names are not
mkdir -p "$work/creds/home/.kube" "$work/creds/home/.m2" "$work/creds/home/.config/gh" "$work/creds/src"
touch "$work/creds/home/.kube/config" "$work/creds/home/.m2/settings.xml" "$work/creds/home/.config/gh/hosts.yml" \
	"$work/creds/putty.ppk" "$work/creds/krb5.keytab" "$work/creds/.my.cnf" "$work/creds/src/Credentials.java" "$work/creds/.env.example"
verdicts="$(printf '%s\n' home/.kube/config home/.m2/settings.xml home/.config/gh/hosts.yml putty.ppk krb5.keytab .my.cnf src/Credentials.java .env.example \
	| "$bin/path-check" --root "$work/creds" | cut -f1 | tr '\n' ' ')"
check "path-check: credential files hidden, ordinary ones visible" "HIDDEN HIDDEN HIDDEN HIDDEN HIDDEN HIDDEN ALLOWED ALLOWED " "$verdicts"

# path-check: a non-ASCII path under LANG=C, and bad bytes, do not stop the checker
touch "$work/root/café.txt"
verdicts="$(printf 'café.txt\n\377\nsrc/Main.java\n' | LANG=C LC_ALL=C "$bin/path-check" --root "$work/root" | cut -f1 | tr '\n' ' ')"
check "path-check under LANG=C: non-ASCII name, bad bytes, next line" "ALLOWED REFUSED ALLOWED " "$verdicts"
source "$bin/lib.sh"
warden_find_jdk
verdicts="$(printf 'café.txt\nsrc/Main.java\n' | LANG=C LC_ALL=C "$JAVA_HOME/bin/java" -cp "$(warden_core_classpath)" dev.warden.core.internal.cli.PathCheck --root "$work/root" | cut -f1 | tr '\n' ' ')"
check "path-check's JVM with an ASCII file-name encoding refuses the name and goes on" "REFUSED ALLOWED " "$verdicts"
lines="$(printf 'src/Main.java\r.env\n' | "$bin/path-check" --root "$work/root" | wc -l | tr -d ' ')"
check "path-check: a carriage return inside a line yields one answer" "1" "$lines"

# sandbox-run: a real sandbox (bubblewrap and user namespaces are required here, as in CI)
tree_state() { (cd "$1" && find . -printf '%p %y %m %s %T@\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
mkdir -p "$work/sbx/proj/src" "$work/sbx/.metadata"
printf 'target/\n' > "$work/sbx/proj/.gitignore"
printf 'key=SBXSECRET1\n' > "$work/sbx/proj/.env"
printf 'SBXSECRET2\n' > "$work/sbx/.metadata/.log"
printf 'class A {}\n' > "$work/sbx/proj/src/A.java"
printf 'old\n' > "$work/sbx/proj/gone.txt"
before="$(tree_state "$work/sbx")"
"$bin/sandbox-run" --root "$work/sbx/proj" -- 'cat .env ../.metadata/.log 2>/dev/null; grep -r SBXSECRET . .. 2>/dev/null; echo hi; echo n > new.txt; echo m >> src/A.java; rm gone.txt; echo x >> .gitignore; exit 5' \
	> "$work/sbx-out" 2> "$work/sbx-err"
check "sandbox-run exits with the command's status" "5" "$?"
check "sandbox-run prints output, '--- changes' and the change lines" \
	"$(printf 'hi\n--- changes\nREFUSED\t.gitignore\tthe agent may not change .gitignore, which decides what it sees; the user can edit it\nDELETED\tgone.txt\nCREATED\tnew.txt\nMODIFIED\tsrc/A.java')" \
	"$(cat "$work/sbx-out")"
check "sandbox-run without --apply leaves DIR byte for byte" "$before" "$(tree_state "$work/sbx")"
"$bin/sandbox-run" --root "$work/sbx/proj" --apply -- 'echo n > new.txt; rm gone.txt; echo k > new.pem' > /dev/null 2>&1
check "sandbox-run --apply writes what is not refused" "n|absent|absent" \
	"$(cat "$work/sbx/proj/new.txt")|$([ -e "$work/sbx/proj/gone.txt" ] && echo present || echo absent)|$([ -e "$work/sbx/proj/new.pem" ] && echo present || echo absent)"
"$bin/sandbox-run" --root "$work/sbx/proj" >/dev/null 2>&1 </dev/null
check "sandbox-run without a command exits 2" "2" "$?"
"$bin/sandbox-run" -- true >/dev/null 2>&1 </dev/null
check "sandbox-run without --root exits 2" "2" "$?"
WARDEN_BWRAP=/nonexistent/bwrap "$bin/sandbox-run" --root "$work/sbx/proj" -- true > /dev/null 2> "$work/sbx-err"
check "sandbox-run exits 3 where no sandbox can be had" "3" "$?"
check "sandbox-run says why there is no sandbox" "1" "$(grep -c 'WARDEN_BWRAP names /nonexistent/bwrap' "$work/sbx-err")"

echo "checkers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
