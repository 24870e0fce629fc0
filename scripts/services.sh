# Makes sure what the tests talk to is there: PostgreSQL and Redis on their usual local ports,
# started when installed but stopped; the Debian and npm packages the client tests drive.
# Sourced by test.sh. Fails with a clear message, never silently skips.

fail() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

ensure_postgres() {
    if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
        return
    fi
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
        echo "Starting PostgreSQL..." >&2
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
        for _ in $(seq 1 30); do
            pg_isready -q -h 127.0.0.1 -p 5432 && return
            sleep 1
        done
    fi
    fail "PostgreSQL is not reachable on 127.0.0.1:5432. Install it (Debian: apt-get install postgresql) with trust
      authentication for 127.0.0.1 and a database named 'test', or start it, then run this again."
}

ensure_redis() {
    if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
        return
    fi
    if command -v redis-server >/dev/null 2>&1; then
        echo "Starting Redis..." >&2
        redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
        for _ in $(seq 1 30); do
            redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return
            sleep 1
        done
    fi
    fail "Redis is not reachable on 127.0.0.1:6379. Install it (Debian: apt-get install redis-server), or start it,
      then run this again."
}

# Debian packages the client tests drive: gRPC for Python, Go, Chromium for the browser test.
ensure_debian_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        fail "missing packages: ${missing[*]}. Install them (Debian: sudo apt-get install ${missing[*]}) and run again."
    fi
    echo "Installing ${missing[*]}..." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# npm packages from each committed lockfile.
ensure_npm() {
    command -v npm >/dev/null 2>&1 || fail "npm is missing. Install Node.js 20+ (Debian: apt-get install nodejs npm)."
    local dir
    for dir in "$@"; do
        if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
            echo "Installing npm packages in $dir..." >&2
            (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        fi
    done
}
