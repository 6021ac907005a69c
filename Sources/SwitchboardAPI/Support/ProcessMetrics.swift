import Foundation

/// The process metrics Prometheus clients export (`process_cpu_seconds_total`,
/// memory, open files, start time), read from `/proc` on Linux when scraped.
struct ProcessMetrics {
    var cpuSeconds: Double = 0
    var residentBytes: Double = 0
    var virtualBytes: Double = 0
    var startTime: Double = 0
    var openFiles: Double = 0
    var maxFiles: Double = 0

    static func read() -> ProcessMetrics {
        var metrics = ProcessMetrics()
        #if os(Linux)
            let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
            let page = Double(sysconf(Int32(_SC_PAGESIZE)))
            // Fields after the command name, which is in parentheses and may hold spaces.
            if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") {
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                // Fields 3… of proc(5) start at index 0 here: utime is 14, stime 15, starttime 22, vsize 23, rss 24.
                func field(_ number: Int) -> Double { fields.count > number - 3 ? Double(fields[number - 3]) ?? 0 : 0 }
                metrics.cpuSeconds = (field(14) + field(15)) / ticks
                metrics.virtualBytes = field(23)
                metrics.residentBytes = field(24) * page
                if let boot = bootTime() { metrics.startTime = boot + field(22) / ticks }
            }
            metrics.openFiles = Double((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0)
            var limit = rlimit()
            if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 { metrics.maxFiles = Double(limit.rlim_cur) }
        #endif
        return metrics
    }

    #if os(Linux)
        private static func bootTime() -> Double? {
            guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
            return stat.split(separator: "\n").first { $0.hasPrefix("btime ") }.flatMap { Double($0.dropFirst(6)) }
        }
    #endif

    var text: String {
        [
            ("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", cpuSeconds),
            ("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", residentBytes),
            ("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", virtualBytes),
            ("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", startTime),
            ("process_open_fds", "gauge", "Number of open file descriptors.", openFiles),
            ("process_max_fds", "gauge", "Maximum number of open file descriptors.", maxFiles),
        ].map { name, type, help, value in "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n" }.joined()
    }
}
