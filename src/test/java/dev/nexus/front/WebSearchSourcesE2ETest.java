package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CitationsWebSearchResultLocation;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextCitation;
import com.anthropic.models.messages.WebSearchResultBlock;
import com.anthropic.models.messages.WebSearchTool20250305;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GoogleSearch;
import com.google.genai.types.GroundingMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Tool;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionWebSearch;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.WebSearchTool;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google Search grounding reaches every client as its own dialect's sources, through the real server and the fake
 * Cloud Code (which grounds only requests that carry the googleSearch tool), read with the official SDKs.
 */
class WebSearchSourcesE2ETest {
    private static final String KEY = "sk-websearch-e2e-key-01";
    private static final String MODEL = "gemini-3-flash";
    /** Non-ASCII before and inside the cited spans: Google counts UTF-8 bytes, OpenAI UTF-16 units. */
    private static final String FIRST = "Le café ☕ ouvre à 8 h.";
    private static final String SECOND = " Prices rose 5 € 😀 in 2026.";
    private static final String ANSWER = FIRST + SECOND;
    private static final Reply.Page CAFE = new Reply.Page("https://vertexaisearch.cloud.google.com/grounding-api-redirect/cafe", "cafe.example");
    private static final Reply.Page NEWS = new Reply.Page("https://vertexaisearch.cloud.google.com/grounding-api-redirect/news", "news.example");

    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private OpenAIClient openai;
    private AnthropicClient anthropic;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code()).isZero();
        nexus.start();
        openai = OpenAIOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/v1").apiKey(KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/anthropic").apiKey(KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        openai.close();
        anthropic.close();
        nexus.close();
        assertThat(google.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        google.close();
    }

    /** The answer in three chunks, grounded: the first sentence on the café page, the second on both. */
    private void enqueueGroundedAnswer() {
        google.script().enqueue(Reply.builder().text("Le café ☕ ", "ouvre à 8 h.", SECOND)
                .grounded(List.of("café ouverture", "prix 2026"), List.of(CAFE, NEWS))
                .cites(FIRST, 0).cites(SECOND.substring(1), 1, 0).build());
    }

    private JsonNode lastGenerate() {
        List<RecordedRequest> calls = new ArrayList<>(google.requests(":generateContent"));
        calls.addAll(google.requests(":streamGenerateContent"));
        return calls.stream().max(Comparator.comparingLong(r -> google.requests().indexOf(r))).orElseThrow().json();
    }

    // ---- OpenAI Chat Completions ----

    private static ChatCompletionCreateParams searching() {
        return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("café?")
                .webSearchOptions(ChatCompletionCreateParams.WebSearchOptions.builder().build()).build();
    }

    @Test
    void chatCompletionsCarryUrlCitationsWithUtf16Indexes() {
        enqueueGroundedAnswer();
        ChatCompletion completion = openai.chat().completions().create(searching());
        assertThat(lastGenerate().at("/request/tools").toString()).contains("googleSearch");
        ChatCompletionMessage message = completion.choices().get(0).message();
        assertThat(message.content()).contains(ANSWER);
        assertCitations(message.annotations().orElseThrow().stream().map(ChatCompletionMessage.Annotation::urlCitation)
                .map(c -> new Cited(c.url(), c.title(), c.startIndex(), c.endIndex())).toList(), ANSWER);
    }

    @Test
    void aChatStreamSendsTheAnnotationsInADeltaBeforeTheFinish() {
        enqueueGroundedAnswer();
        List<ChatCompletionChunk> chunks;
        try (var stream = openai.chat().completions().createStreaming(searching())) {
            chunks = stream.stream().toList();
        }
        String text = chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
                .collect(Collectors.joining());
        assertThat(text).isEqualTo(ANSWER);
        List<ChatCompletionChunk.Choice> withAnnotations = chunks.stream().flatMap(c -> c.choices().stream())
                .filter(c -> c.delta()._additionalProperties().containsKey("annotations")).toList();
        assertThat(withAnnotations).hasSize(1);
        List<ChatCompletionMessage.Annotation> annotations = withAnnotations.get(0).delta()._additionalProperties()
                .get("annotations").convert(new TypeReference<List<ChatCompletionMessage.Annotation>>() {});
        assertCitations(annotations.stream().map(ChatCompletionMessage.Annotation::urlCitation)
                .map(c -> new Cited(c.url(), c.title(), c.startIndex(), c.endIndex())).toList(), ANSWER);
        List<ChatCompletionChunk.Choice> choices = chunks.stream().flatMap(c -> c.choices().stream()).toList();
        assertThat(choices.indexOf(withAnnotations.get(0))).isEqualTo(choices.size() - 2);
        assertThat(choices.getLast().finishReason().orElseThrow().asString()).isEqualTo("stop");
    }

    // ---- OpenAI Responses ----

    private static ResponseCreateParams searchingResponse() {
        return ResponseCreateParams.builder().model(MODEL).input("café?")
                .addTool(WebSearchTool.builder().type(WebSearchTool.Type.WEB_SEARCH).build()).build();
    }

    @Test
    void aResponseHasAWebSearchCallAndAnnotatedOutputText() {
        enqueueGroundedAnswer();
        Response response = openai.responses().create(searchingResponse());
        assertThat(lastGenerate().at("/request/tools").toString()).contains("googleSearch");
        assertSearchedAndAnnotated(response.output());
    }

    @Test
    void aResponseStreamAddsEachAnnotationAndEndsWithTheAnnotatedResponse() {
        enqueueGroundedAnswer();
        List<ResponseStreamEvent> events;
        try (var stream = openai.responses().createStreaming(searchingResponse())) {
            events = stream.stream().toList();
        }
        List<Cited> added = events.stream().filter(ResponseStreamEvent::isOutputTextAnnotationAdded)
                .map(e -> e.asOutputTextAnnotationAdded().annotation().orElseThrow().asUrlCitation())
                .map(c -> new Cited(c.url(), c.title(), c.startIndex(), c.endIndex())).toList();
        assertCitations(added, ANSWER);
        Response completed = events.getLast().asCompleted().response();
        assertSearchedAndAnnotated(completed.output());
        assertThat(events.stream().filter(ResponseStreamEvent::isOutputItemDone).map(e -> e.asOutputItemDone().item()).toList())
                .as("output_item.done items are the completed output").isEqualTo(completed.output());
    }

    @Test
    void aSearchedResponseContinuesWithPreviousResponseIdAndItsOutputReplaysAsInput() {
        enqueueGroundedAnswer();
        Response first = openai.responses().create(searchingResponse());
        google.script().enqueue(Reply.text("You're welcome."));
        Response second = openai.responses().create(ResponseCreateParams.builder().model(MODEL)
                .previousResponseId(first.id()).input("thanks").build());
        assertThat(second.output().get(0).asMessage().content().get(0).asOutputText().text()).isEqualTo("You're welcome.");
        JsonNode contents = lastGenerate().at("/request/contents");
        assertThat(contents).hasSize(3);
        assertThat(contents.get(1).at("/parts/0/text").asText()).isEqualTo(ANSWER);

        // A client that keeps the history itself sends the output items back, web_search_call included.
        List<ResponseInputItem> replay = new ArrayList<>();
        replay.add(ResponseInputItem.ofEasyInputMessage(
                EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                        .content("café?").build()));
        replay.add(ResponseInputItem.ofResponseOutputMessage(first.output().get(0).asMessage()));
        replay.add(ResponseInputItem.ofWebSearchCall(first.output().get(1).asWebSearchCall()));
        google.script().enqueue(Reply.text("Sure."));
        openai.responses().create(ResponseCreateParams.builder().model(MODEL).inputOfResponse(replay).store(false).build());
        assertThat(lastGenerate().at("/request/contents/1/parts/0/text").asText()).isEqualTo(ANSWER);
    }

    private static void assertSearchedAndAnnotated(List<ResponseOutputItem> output) {
        // The search item follows the answer: Google reports the search only once the answer is done, and the text
        // streams before that.
        assertThat(output).hasSize(2);
        ResponseFunctionWebSearch search = output.get(1).asWebSearchCall();
        assertThat(search.status()).isEqualTo(ResponseFunctionWebSearch.Status.COMPLETED);
        ResponseFunctionWebSearch.Action.Search action = search.action().asSearch();
        assertThat(action.query()).contains("café ouverture");
        assertThat(action.sources().orElseThrow()).extracting(ResponseFunctionWebSearch.Action.Search.Source::url)
                .containsExactly(CAFE.uri(), NEWS.uri());
        ResponseOutputText text = output.get(0).asMessage().content().get(0).asOutputText();
        assertThat(text.text()).isEqualTo(ANSWER);
        assertCitations(text.annotations().stream().map(ResponseOutputText.Annotation::asUrlCitation)
                .map(c -> new Cited(c.url(), c.title(), c.startIndex(), c.endIndex())).toList(), ANSWER);
    }

    // ---- Anthropic Messages ----

    private static MessageCreateParams searchingMessage() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(1024).addUserMessage("café?")
                .addTool(WebSearchTool20250305.builder().build()).build();
    }

    @Test
    void anAnthropicMessageHasSearchBlocksBeforeTheCitedText() {
        enqueueGroundedAnswer();
        Message message = anthropic.messages().create(searchingMessage());
        assertThat(lastGenerate().at("/request/tools").toString()).contains("googleSearch");
        assertSearchBlocks(message);
    }

    @Test
    void anAnthropicStreamAccumulatesToTheSameSearchBlocksAndCitations() {
        enqueueGroundedAnswer();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(searchingMessage())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertSearchBlocks(accumulator.message());
    }

    @Test
    void withoutTheWebSearchToolTheTextStaysWholeAndNothingIsSearched() {
        enqueueGroundedAnswer();
        Message message = anthropic.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(1024)
                .addUserMessage("café?").build());
        assertThat(lastGenerate().at("/request/tools").isMissingNode()).isTrue();
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).asText().text()).isEqualTo(ANSWER);
        assertThat(message.content().get(0).asText().citations()).isEmpty();
    }

    private static void assertSearchBlocks(Message message) {
        List<ContentBlock> content = message.content();
        assertThat(content).hasSizeGreaterThanOrEqualTo(4);
        var use = content.get(0).asServerToolUse();
        assertThat(use.id()).startsWith("srvtoolu_");
        assertThat(use.name().asString()).isEqualTo("web_search");
        assertThat(use._input().convert(new TypeReference<Map<String, String>>() {})).containsEntry("query", "café ouverture");
        var result = content.get(1).asWebSearchToolResult();
        assertThat(result.toolUseId()).isEqualTo(use.id());
        assertThat(result.content().asResultBlocks()).extracting(WebSearchResultBlock::url, WebSearchResultBlock::title)
                .containsExactly(tuple(CAFE.uri(), CAFE.title()),
                        tuple(NEWS.uri(), NEWS.title()));
        List<ContentBlock> texts = content.subList(2, content.size());
        assertThat(texts).allMatch(ContentBlock::isText);
        assertThat(texts.stream().map(b -> b.asText().text()).collect(Collectors.joining())).isEqualTo(ANSWER);
        var first = texts.get(0).asText();
        assertThat(first.text()).isEqualTo(FIRST);
        assertThat(first.citations().orElseThrow()).extracting(TextCitation::asWebSearchResultLocation)
                .extracting(CitationsWebSearchResultLocation::url, CitationsWebSearchResultLocation::citedText)
                .containsExactly(tuple(CAFE.uri(), FIRST));
        var second = texts.stream().map(b -> b.asText()).filter(t -> t.text().equals(SECOND.substring(1))).findFirst().orElseThrow();
        assertThat(second.citations().orElseThrow()).extracting(c -> c.asWebSearchResultLocation().url())
                .containsExactly(NEWS.uri(), CAFE.uri());
        assertThat(message.usage().serverToolUse().orElseThrow().webSearchRequests()).isEqualTo(2);
    }

    // ---- Google GenAI pass-through ----

    @Test
    void theGenAiSurfaceKeepsGroundingMetadataAsGoogleSentIt() {
        enqueueGroundedAnswer();
        try (Client genai = Client.builder().apiKey(KEY)
                .httpOptions(HttpOptions.builder().baseUrl(nexus.baseUrl() + "/genai").apiVersion("v1beta").build()).build()) {
            GenerateContentResponse answer = genai.models.generateContent(MODEL, "café?", GenerateContentConfig.builder()
                    .tools(Tool.builder().googleSearch(GoogleSearch.builder().build()).build()).build());
            assertThat(answer.text()).isEqualTo(ANSWER);
            GroundingMetadata metadata = answer.candidates().orElseThrow().get(0).groundingMetadata().orElseThrow();
            assertThat(metadata.webSearchQueries().orElseThrow()).containsExactly("café ouverture", "prix 2026");
            assertThat(metadata.groundingChunks().orElseThrow()).extracting(c -> c.web().orElseThrow().uri().orElseThrow())
                    .containsExactly(CAFE.uri(), NEWS.uri());
            var support = metadata.groundingSupports().orElseThrow().get(1);
            int startByte = FIRST.getBytes(StandardCharsets.UTF_8).length + 1;
            assertThat(support.segment().orElseThrow().startIndex()).contains(startByte);
            assertThat(support.groundingChunkIndices().orElseThrow()).containsExactly(1, 0);
        }
    }

    // ---- shared ----

    record Cited(String url, String title, long start, long end) {}

    /** Both sentences cited, by UTF-16 indexes that cut the answer exactly at the cited text. */
    private static void assertCitations(List<Cited> cited, String answer) {
        int second = FIRST.length() + 1;
        assertThat(cited).containsExactly(
                new Cited(CAFE.uri(), CAFE.title(), 0, FIRST.length()),
                new Cited(NEWS.uri(), NEWS.title(), second, answer.length()),
                new Cited(CAFE.uri(), CAFE.title(), second, answer.length()));
        assertThat(answer.substring(0, FIRST.length())).isEqualTo(FIRST);
        assertThat(answer.substring(second)).isEqualTo(SECOND.substring(1));
    }
}
