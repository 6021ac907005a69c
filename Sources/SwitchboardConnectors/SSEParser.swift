import NIOCore

/// One server-sent event.
public struct SSEEvent: Sendable, Equatable {
    public var event = "message"
    public var data = ""
    public var id: String?
}

/// Parses a `text/event-stream` as bytes, so CRLF, CR and LF line ends all work.
/// An event (or a line) larger than `maxEventBytes` is an error, so a stream that
/// never ends a line cannot grow memory without bound.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var current = SSEEvent()
    private var hasData = false
    private var lastWasCR = false
    private var eventBytes = 0
    let maxEventBytes: Int

    public init(maxEventBytes: Int = GuardedHTTP.maxBody) {
        self.maxEventBytes = maxEventBytes
    }

    /// Feeds more bytes and returns the events they completed.
    public mutating func feed(_ buffer: ByteBuffer) throws(OutboundError) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for byte in buffer.readableBytesView {
            if byte == 0x0A && lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                if let event = endLine() { events.append(event) }
            } else {
                eventBytes += 1
                guard eventBytes <= maxEventBytes else {
                    throw OutboundError("event stream: an event is larger than \(maxEventBytes) bytes")
                }
                line.append(byte)
            }
        }
        return events
    }

    private mutating func endLine() -> SSEEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            guard hasData || current.event != "message" else {
                eventBytes = 0
                return nil
            }
            let event = current
            current = SSEEvent()
            hasData = false
            eventBytes = 0
            return event
        }
        if line.first == 0x3A { return nil }  // a comment
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        switch field {
        case "event": current.event = String(value)
        case "data":
            current.data += (hasData ? "\n" : "") + value
            hasData = true
        case "id": current.id = String(value)
        default: break
        }
        return nil
    }
}
