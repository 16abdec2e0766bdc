# Sourced by e2e.sh and screenshots.sh (not run on its own).
# start_tauri_driver PORT NATIVE_PORT LOG: starts tauri-driver on PORT (it starts
# WebKitWebDriver on NATIVE_PORT), logs to LOG, waits until it listens, and stops it when the
# calling script exits. Refuses a port already in use: an old driver would silently take over.
start_tauri_driver() {
  local port=$1 native_port=$2 log=$3
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use (another tauri-driver?): set E2E_DRIVER_PORT" >&2
    exit 1
  fi
  tauri-driver --port "$port" --native-port "$native_port" >"$log" 2>&1 &
  DRIVER=$!
  trap 'kill $DRIVER 2>/dev/null || true' EXIT
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  kill -0 "$DRIVER" 2>/dev/null || { echo "tauri-driver did not start: see $log" >&2; exit 1; }
}
