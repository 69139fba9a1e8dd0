package dev.nexus.chat;

/**
 * How big a request is, in the units the server limits per request.
 *
 * @param messages the conversation's turns (a dialect's own unit where it has one: GenAI contents, Responses items)
 * @param parts content parts in all: system parts, message parts, and the parts inside tool results
 * @param tools declared functions
 */
public record RequestSize(int messages, int parts, int tools) {

    /** The size of a decoded request. */
    public static RequestSize of(ChatRequest request) {
        int parts = request.system().size();
        for (Message message : request.messages()) {
            parts += message.parts().size();
            for (Part part : message.parts()) {
                if (part instanceof Part.ToolResult result) {
                    parts += result.content().size();
                }
            }
        }
        int tools = 0;
        for (Tool tool : request.tools()) {
            if (tool instanceof Tool.Function) {
                tools++;
            }
        }
        return new RequestSize(request.messages().size(), parts, tools);
    }
}
