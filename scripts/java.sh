# Finds a JDK 21 or newer and exports JAVA_HOME; sourced by run.sh and test.sh.
# Looks at $JAVA_HOME, the java on PATH, then the usual install places.

java_major() {
    # A JDK's release file names its version: reading it costs nothing, where starting that JDK
    # to ask costs a quarter of a second (the CLI's launcher asks on every run).
    local version=""
    [ -f "$1/release" ] && version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1)
    if [ -z "$version" ]; then
        version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
    fi
    echo "$version"
}

find_java() {
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
               /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -d "$dir" ] && candidates+=("$dir")
    done
    local best="" best_major=0 dir major
    for dir in "${candidates[@]}"; do
        [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
        major=$(java_major "$dir")
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best="$dir"
            best_major="$major"
        fi
    done
    if [ -z "$best" ]; then
        cat >&2 <<'MSG'
orderstream needs a JDK 21 or newer, and none was found (looked at JAVA_HOME, PATH and /usr/lib/jvm).
Install one, for example:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk     (or Temurin 21+ from adoptium.net)
  macOS:          brew install openjdk@21
then run this command again, or point JAVA_HOME at it.
MSG
        return 1
    fi
    export JAVA_HOME="$best"
    export PATH="$JAVA_HOME/bin:$PATH"
}
