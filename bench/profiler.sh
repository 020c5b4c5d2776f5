# Sourced by the benchmark scripts: fetch_profiler DIR prints the path of async-profiler's agent library, fetched
# once from Maven Central through the Maven wrapper into DIR; it fails where there is no build for this machine.
AP_VERSION=4.2
fetch_profiler() {
    local dir=$1 arch lib
    case "$(uname -m)" in
        x86_64) arch=linux-x64 ;;
        aarch64) arch=linux-arm64 ;;
        *) echo "async-profiler has no build for $(uname -m)" >&2; return 1 ;;
    esac
    lib=$dir/async-profiler-$AP_VERSION/$arch/libasyncProfiler.so
    if [[ ! -f $lib ]]; then
        echo "# fetching async-profiler $AP_VERSION from Maven Central" >&2
        ./mvnw -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" -DoutputDirectory="$dir" >&2 \
            || { echo "could not fetch tools.profiler:async-profiler:$AP_VERSION" >&2; return 1; }
        (cd "$dir" && mkdir -p "async-profiler-$AP_VERSION" \
            && unzip -q -o "async-profiler-$AP_VERSION.jar" "$arch/*" -d "async-profiler-$AP_VERSION") || return 1
    fi
    [[ -f $lib ]] || return 1
    echo "$PWD/$lib"
}
