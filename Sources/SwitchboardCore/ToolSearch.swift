import Foundation

/// Finds an agent's tools by what a model says it wants to do: Okapi BM25 over each
/// tool's words (its name, title, description, and its parameters' names and
/// descriptions), with snake_case and camelCase split into words, plural and verb
/// endings taken off, and a query's words widened to the few words APIs use for the
/// same thing ("picture" finds "image", "remove" finds "delete").
public struct ToolSearch: Sendable {
    static let k1 = 1.2
    static let b = 0.75
    /// How much more a word of the name or title counts than one of a description.
    static let nameWeight = 3
    static let titleWeight = 2
    /// How much a query that covers a tool's whole name lifts that tool.
    static let coverageWeight = 1.0

    private let terms: [[String: Int]]
    /// Each tool's name words, for how much of its name a query covers.
    private let names: [Set<String>]
    private let lengths: [Double]
    private let average: Double
    private let frequency: [String: Int]

    /// `tools` as a client sees them: the shape discovery reads from an MCP server,
    /// which the gateway's own tools have too.
    public init(_ entries: [DiscoveredTool]) {
        var terms: [[String: Int]] = []
        var frequency: [String: Int] = [:]
        names = entries.map { Set(Self.words($0.name)) }
        for entry in entries {
            var counts: [String: Int] = [:]
            for word in Self.words(entry.name) { counts[word, default: 0] += Self.nameWeight }
            for word in Self.words(entry.title ?? "") { counts[word, default: 0] += Self.titleWeight }
            for word in Self.words(entry.description ?? "") { counts[word, default: 0] += 1 }
            for word in Self.words(Self.parameterText(entry.inputSchema)) { counts[word, default: 0] += 1 }
            for word in counts.keys { frequency[word, default: 0] += 1 }
            terms.append(counts)
        }
        self.terms = terms
        self.frequency = frequency
        lengths = terms.map { Double($0.values.reduce(0, +)) }
        average = max(1, lengths.reduce(0, +) / Double(max(1, terms.count)))
    }

    /// The indices of the best-matching entries, best first, at most `limit`; none for a query without words.
    public func rank(_ query: String, limit: Int) -> [Int] {
        let asked = Self.widened(Self.words(query))
        guard !asked.isEmpty else { return [] }
        let count = Double(terms.count)
        var scores: [(Int, Double)] = []
        for (index, counts) in terms.enumerated() {
            var score = 0.0
            for (word, weight) in asked {
                guard let seen = counts[word], let documents = frequency[word] else { continue }
                let idf = log(1 + (count - Double(documents) + 0.5) / (Double(documents) + 0.5))
                let tf = Double(seen)
                score += weight * idf * tf * (Self.k1 + 1) / (tf + Self.k1 * (1 - Self.b + Self.b * lengths[index] / average))
            }
            // A query that says what the tool's name says (create + vector + store)
            // means that tool more than one that merely mentions those words.
            let name = names[index]
            if score > 0, !name.isEmpty {
                let covered = name.reduce(0.0) { $0 + (asked[$1] ?? 0) } / Double(name.count)
                score *= 1 + Self.coverageWeight * covered
            }
            if score > 0 { scores.append((index, score)) }
        }
        scores.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return scores.prefix(limit).map(\.0)
    }

    /// A schema's parameter names and descriptions, one level deep.
    static func parameterText(_ schema: JSONValue) -> String {
        guard case .object(let properties)? = schema.members["properties"] else { return "" }
        return properties.map { name, property in "\(name) \(property.field("description") ?? "")" }.joined(separator: " ")
    }

    /// The words of a text: split at anything not a letter or digit and at camelCase
    /// humps, lowercased, stop words left out, endings taken off.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        func flush() {
            if !current.isEmpty, !stopWords.contains(current) { words.append(stem(current)) }
            current = ""
        }
        for scalar in text.unicodeScalars {
            let isLetterOrDigit = CharacterSet.alphanumerics.contains(scalar)
            if !isLetterOrDigit {
                flush()
                previousLower = false
                continue
            }
            let isUpper = CharacterSet.uppercaseLetters.contains(scalar)
            if isUpper && previousLower { flush() }
            current += String(scalar).lowercased()
            previousLower = CharacterSet.lowercaseLetters.contains(scalar) || CharacterSet.decimalDigits.contains(scalar)
        }
        flush()
        return words
    }

    /// A word without its plural or verb ending: `images` and `image` → `imag`,
    /// `created`, `creates`, `creating` → `creat`, `queries` → `query`.
    static func stem(_ word: String) -> String {
        var word = word
        guard word.count > 3 else { return word }
        if word.hasSuffix("ies") && word.count > 4 {
            word = String(word.dropLast(3)) + "y"
        } else if word.hasSuffix("sses") {
            word = String(word.dropLast(2))
        } else if word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") {
            word = String(word.dropLast())
        }
        for ending in ["ing", "ed"] where word.hasSuffix(ending) && word.count > ending.count + 3 {
            word = String(word.dropLast(ending.count))
            break
        }
        if word.hasSuffix("e") && word.count > 3 { word = String(word.dropLast()) }
        return word
    }

    /// A query's words with their weights: each word itself (1), and the words APIs
    /// use for the same thing (0.7).
    static func widened(_ words: [String]) -> [String: Double] {
        var weights: [String: Double] = [:]
        for word in words {
            weights[word] = 1
            for group in synonyms where group.contains(word) {
                for other in group where weights[other] == nil { weights[other] = 0.7 }
            }
        }
        return weights
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "to", "for", "in", "on", "at", "by", "with", "from", "and", "or", "is", "are", "be", "it", "its",
        "this", "that", "my", "me", "i", "we", "our", "your", "you", "some", "any", "into", "as", "so", "do", "please", "can",
        "which", "what", "there",
    ]

    /// Words APIs use for the same thing, stemmed.
    static let synonyms: [Set<String>] = [
        ["make", "creat", "new", "add", "generat", "produc", "build", "start", "open", "writ"],
        ["delet", "remov", "eras", "destroy", "drop", "discard"],
        ["list", "all", "show", "brows", "enumerat", "every", "read"],
        ["get", "retriev", "fetch", "read", "look", "find", "see", "view", "detail", "info", "inform", "download"],
        ["updat", "modify", "chang", "edit", "patch", "set", "renam", "alter"],
        ["imag", "pictur", "photo", "illustrat", "drawing", "draw", "art"],
        ["audio", "sound", "voic", "speech", "spoken", "speak", "talk"],
        ["transcrib", "transcript", "transcription", "dictat"],
        ["text", "word", "sentenc", "prompt", "writing"],
        ["fil", "document", "upload", "attachment", "doc"],
        ["messag", "chat", "conversation"],
        ["respons", "reply", "answer", "complet", "completion"],
        ["embedd", "embed", "vector", "similar"],
        ["moderat", "moderation", "classify", "flag", "harm", "unsaf", "safety"],
        ["model", "engin"],
        ["translat", "translation", "languag"],
        ["fin", "tun", "tuning", "train", "finetun"],
        ["cost", "usag", "billing", "spend", "spent", "money", "pric"],
        ["user", "member", "person", "peopl", "account"],
        ["organization", "org", "company", "team", "workspac"],
        ["key", "credential", "token", "secret", "api"],
        ["assistant", "bot", "agent"],
        ["run", "execut", "execution", "job", "task", "process"],
        ["cancel", "cancell", "stop", "abort", "halt", "terminat"],
        ["refund", "revers", "return", "reimburs"],
        ["customer", "client", "buyer", "shopper"],
        ["invoic", "bill"],
        ["payment", "charg", "pay", "transaction"],
        ["event", "meeting", "appointment", "calendar", "schedul"],
        ["spreadsheet", "sheet", "tabl", "row", "cell"],
        ["video", "movi", "clip", "film"],
        ["invit", "invitation"],
        ["permission", "access", "rol", "right", "grant"],
        ["certificat", "cert", "tls", "ssl"],
        ["alert", "notification", "warning", "threshold"],
        ["archiv", "deactivat", "disabl"],
    ]
}
