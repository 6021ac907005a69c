import Foundation

/// The public workflows every Switchboard ships: teams read and clone them, and
/// an agent created on one gets its own copy.
public enum PublicWorkflows {
    static let published = Date(millis: 1_767_225_600_000)  // 2026-01-01T00:00:00.000Z

    static func rule(_ id: String, _ name: String, _ trigger: String, _ response: String, action: String? = nil) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(id), "name": .string(name), "trigger": .string(trigger),
            "response": .string(response), "enabled": .bool(true),
        ]
        if let action { fields["action"] = .string(action) }
        return .object(fields)
    }

    static func flow(_ name: String, _ description: String, keywords: [String], steps: [(String, String)]) -> JSONValue {
        .object([
            "name": .string(name), "description": .string(description), "is_active": .bool(true), "priority": .number(1),
            "trigger_keywords": .array(keywords.map { .object(["keyword": .string($0), "weight": .string("high")]) }),
            "conversation_steps": .array(steps.map { .object(["type": .string($0.0), "content": .string($0.1)]) }),
        ])
    }

    static func faq(_ question: String, _ answer: String) -> JSONValue {
        .object(["question": .string(question), "answer": .string(answer)])
    }

    static func make(
        _ id: String, _ name: String, _ description: String, category: String, prompt: String,
        configure: (inout WorkflowContent) -> Void
    ) -> Workflow {
        var content = WorkflowContent()
        configure(&content)
        return Workflow(
            id: id, teamID: nil, name: name, description: description, category: category, systemPrompt: prompt,
            content: content, createdAt: published, updatedAt: published)
    }

    public static let catalog: [Workflow] = [
        make(
            "wf_PublicCustomerSupport001", "Customer support",
            "Answers questions, solves common problems and hands hard cases to a person.",
            category: "support",
            prompt: """
                You are a friendly, precise customer support agent for {business_name}. Answer from the \
                knowledge you have been given; when you are not sure, say so and offer to escalate. Keep \
                answers short, confirm what the customer needs before acting, and never invent policies.
                """
        ) { content in
            content.rules = [
                rule(
                    "escalate-angry", "Escalate upset customers", "The customer is upset or asks for a person",
                    "Apologise, summarise the issue and hand the conversation to a human.", action: "escalate"),
                rule(
                    "no-refund-promises", "No refund promises", "The customer asks for a refund",
                    "Explain the refund policy and open a request; never promise the outcome."),
            ]
            content.flows = [
                flow(
                    "Order problem", "A customer reports a late, missing or damaged order.",
                    keywords: ["late", "missing", "damaged", "broken"],
                    steps: [
                        ("message", "Ask for the order number."), ("action", "Look the order up."),
                        ("message", "Explain the status and the next step."),
                    ])
            ]
            content.tags = ["support", "faq", "escalation"]
            content.channels = ["whatsapp", "instagram", "messenger"]
            content.faq = [
                faq("Can it hand over to a person?", "Yes: it escalates to the escalation email when asked or when a rule says so.")
            ]
            content.setupTime = 10
        },
        make(
            "wf_PublicAppointmentBook001", "Appointment booking",
            "Finds a free slot, books it in the calendar and sends a confirmation.",
            category: "scheduling",
            prompt: """
                You book appointments for {business_name}. Ask for the service, the preferred day and time \
                and the customer's name and contact; offer free slots from the calendar; confirm the booking \
                back in one message with date, time and time zone.
                """
        ) { content in
            content.rules = [
                rule(
                    "confirm-timezone", "Confirm the time zone", "A time is proposed",
                    "Always state the time with the business's time zone.")
            ]
            content.flows = [
                flow(
                    "Book", "A customer wants an appointment.", keywords: ["book", "appointment", "schedule"],
                    steps: [
                        ("message", "Ask which service and when."), ("action", "List free slots."),
                        ("action", "Create the event."), ("message", "Confirm the booking."),
                    ]),
                flow(
                    "Reschedule", "A customer wants to move a booking.", keywords: ["reschedule", "move", "cancel"],
                    steps: [("message", "Find the booking."), ("action", "Offer new slots and update the event.")]),
            ]
            content.tags = ["calendar", "booking"]
            content.integrations = ["google_calendar"]
            content.actions = ["list_events", "create_event"]
            content.setupTime = 15
        },
        make(
            "wf_PublicOrderTracking00001", "Order tracking",
            "Tells customers where their order is and what happens next.",
            category: "commerce",
            prompt: """
                You help customers of {business_name} track orders. Ask for the order number or the phone \
                number used at checkout, look the order up, and explain its status plainly. Never share \
                another customer's details.
                """
        ) { content in
            content.flows = [
                flow(
                    "Where is my order", "A customer asks about an order.", keywords: ["order", "delivery", "track"],
                    steps: [
                        ("message", "Ask for the order number."), ("action", "Fetch the order."),
                        ("message", "Give the status and the expected delivery date."),
                    ])
            ]
            content.tags = ["orders", "commerce"]
            content.integrations = ["bumpa"]
            content.actions = ["get_order"]
            content.setupTime = 10
        },
        make(
            "wf_PublicPaymentCollect0001", "Payment collection",
            "Creates payment links and confirms when a payment has arrived.",
            category: "payments",
            prompt: """
                You collect payments for {business_name}. Confirm the amount and currency with the customer, \
                send a payment link, and verify the payment before confirming anything. Never ask for card \
                numbers in the chat.
                """
        ) { content in
            content.rules = [
                rule(
                    "no-card-numbers", "No card numbers in chat", "The customer offers card details",
                    "Ask them not to share card details and send a payment link instead.")
            ]
            content.tags = ["payments"]
            content.integrations = ["stripe", "paystack"]
            content.actions = ["create_payment_link", "initialize_transaction", "verify_transaction"]
            content.setupTime = 10
        },
    ]
}
