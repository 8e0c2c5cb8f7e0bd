package dev.warden.ui.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.warden.core.mcp.LaunchApprovals;
import dev.warden.core.mcp.McpLaunch;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.operations.Cancellation;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.internal.chat.McpApprovalCard;
import dev.warden.ui.internal.chat.McpPromptCard;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;
import dev.warden.ui.tests.chat.ChatFixture;
import dev.warden.ui.tests.chat.ScriptedModelServer;

/**
 * The chat calling a tool of the real reference server server-everything (installed from npm by the test build): the
 * MCP card asks with the server, the tool, the arguments and the server's hint; Always Trust saves {@code server/tool}
 * and the next call runs without asking.
 */
class McpChatTest {

	private ChatFixture chat;

	@BeforeEach
	void setUp() throws Exception {
		McpServerConfig everything = new McpServerConfig("everything", "node",
				List.of(McpServersPageTest.everythingScript().toString(), "stdio"), java.util.Map.of());
		chat = ChatFixture.project("mcp-chat").maximized().open();
		WardenServices.mcp().saveWorkspaceServers(List.of(everything));
		WardenServices.mcp().approveLaunch(everything); // approved before: it starts before the first prompt
		WardenServices.mcp().saveTrustText("");
	}

	@AfterEach
	void tearDown() throws Exception {
		WardenServices.mcpServers().running()
				.forEach(server -> WardenServices.mcpServers().stop(server.serverName(), event -> {
				}));
		WardenServices.mcp().saveWorkspaceServers(List.of());
		WardenServices.mcp().saveTrustText("");
		chat.close();
	}

	private static JsonObject message(String text) {
		JsonObject arguments = new JsonObject();
		arguments.addProperty("message", text);
		return arguments;
	}

	@Test
	void theChatCallsServerEverythingsEchoAfterApprovalAndAlwaysTrustSavesTheTool() throws Exception {
		ScriptedModelServer model = chat.model;
		ChatView view = chat.view;
		Display display = chat.display;
		model.toolCall("call_1", "everything__echo", message("Hello from Warden"))
				.text("The everything server echoed the greeting back.");
		view.send("Ask the everything server to echo a greeting");

		Workbenches.waitUntil(display, () -> view.approvals().lastCard() instanceof McpApprovalCard, 60,
				"the MCP approval card is shown");
		McpApprovalCard card = (McpApprovalCard) view.approvals().lastCard();
		String shown = card.text();
		assertTrue(shown.contains("Call the tool echo of the MCP server everything?"), shown);
		assertTrue(shown.contains("\"message\": \"Hello from Warden\""), shown);
		assertTrue(shown.contains("The server says this tool only reads (shown, not relied on)."), shown);
		assertTrue(shown.contains("[everything/echo]") && shown.contains("[all tools: everything/*]"), shown);
		Screenshots.take(view.getSite().getShell(), "chat-mcp-approval");

		card.pressAlwaysTrust(false);
		Workbenches.waitUntil(display, () -> !view.controller().isRunning(), 60, "the agent finishes");
		assertEquals("everything/echo", WardenServices.mcp().trustText().strip(), "Always Trust saved this tool only");
		String toolResult = model.requests().get(model.requests().size() - 1);
		assertTrue(toolResult.contains("Echo: Hello from Warden"), "the server's answer reached the model: " + toolResult);
		Screenshots.take(view.getSite().getShell(), "readme-chat-mcp");

		// trusted and pinned now: the next call runs without a card
		model.toolCall("call_2", "everything__echo", message("again")).text("Echoed again.");
		Object before = view.approvals().lastCard();
		view.send("Once more");
		Workbenches.waitUntil(display, () -> !view.controller().isRunning() && model.requests().size() >= 4, 60,
				"the second prompt is answered");
		assertTrue(view.approvals().lastCard() == before, "no new card: the tool is trusted");
		assertTrue(model.requests().get(model.requests().size() - 1).contains("Echo: again"));

		String trail = String.join("\n", Files.readAllLines(latestAudit()));
		assertTrue(trail.contains("everything/echo"), trail);
	}

	@Test
	void theAtPickerOffersServerEverythingsResourcesAndAChosenOneIsReadAfterApprovalIntoThePrompt() throws Exception {
		ScriptedModelServer model = chat.model;
		ChatView view = chat.view;
		Display display = chat.display;
		McpServerConfig everything = WardenServices.mcp().workspaceServers().get(0);
		WardenServices.mcpServers().start(new McpLaunch(everything, "workspace settings"), LaunchApprovals.NONE,
				event -> {
				}, new Cancellation()); // approved before: starts without asking
		String mention = "everything:" + ARCHITECTURE;

		view.typeInInput("Summarize @archi");
		Workbenches.waitUntil(display, () -> view.mentionProposals().contains(mention), 60,
				"the @ picker offers the running server's resource");
		List<String> offered = view.mentionProposals();
		assertTrue(offered.stream().allMatch(p -> p.toLowerCase(java.util.Locale.ROOT).contains("archi")),
				offered::toString);
		view.chooseMention(mention);
		assertEquals("Summarize @" + mention + " ", view.inputText());

		model.text("It describes the server's architecture.");
		view.send(view.inputText());
		Workbenches.waitUntil(display, () -> view.approvals().lastCard() instanceof McpApprovalCard, 60,
				"the read is asked about on the MCP card");
		McpApprovalCard card = (McpApprovalCard) view.approvals().lastCard();
		String shown = card.text();
		assertTrue(shown.contains("Read the resource " + ARCHITECTURE + " of the MCP server everything?"), shown);
		assertTrue(shown.contains("[everything/resources:read]") && shown.contains("[all of the server: everything/*]"),
				shown);
		assertFalse(shown.contains("Arguments, as the model wrote them"), shown);
		Screenshots.take(view.getSite().getShell(), "chat-mcp-resource");
		assertEquals(0, model.requests().size(), "the prompt waits for the read");

		card.pressRunOnce();
		Workbenches.waitUntil(display, () -> !view.controller().isRunning() && model.requests().size() == 1, 60,
				"the prompt is answered");
		String sent = model.requests().get(0);
		assertTrue(sent.contains("[Project Structure](structure.md)"), "the resource's text reached the model: " + sent);
		assertTrue(sent.contains("The user attached the resource " + ARCHITECTURE + " of the MCP server everything"),
				sent);
		assertFalse(sent.contains("everything__resources_read"), "the model is not offered the read itself");

		String trail = String.join("\n", Files.readAllLines(latestAudit()));
		assertTrue(trail.contains("mcp.resource") && trail.contains(ARCHITECTURE), trail);
	}

	@Test
	void slashOffersServerEverythingsPromptsAndAChosenOneAsksForItsArgumentsAndSendsItsMessage() throws Exception {
		ScriptedModelServer model = chat.model;
		ChatView view = chat.view;
		Display display = chat.display;
		McpServerConfig everything = WardenServices.mcp().workspaceServers().get(0);
		WardenServices.mcpServers().start(new McpLaunch(everything, "workspace settings"), LaunchApprovals.NONE,
				event -> {
				}, new Cancellation());

		view.typeInInput("/args");
		Workbenches.waitUntil(display, () -> view.promptProposals().contains("/everything:args-prompt"), 60,
				"/ offers the running server's prompts");
		assertEquals(List.of("/everything:args-prompt"), view.promptProposals(), "only what matches what was typed");
		view.typeInInput("Summarize /args");
		assertTrue(view.promptProposals().isEmpty(), "only at the start of the input");
		view.typeInInput("/args");
		view.choosePrompt("/everything:args-prompt");
		assertEquals("/everything:args-prompt ", view.inputText());

		model.text("Sunny, mostly.");
		view.send(view.inputText());
		Workbenches.waitUntil(display, () -> view.promptCard() != null, 30, "the prompt's arguments are asked for");
		McpPromptCard card = view.promptCard();
		String shown = card.text();
		assertTrue(shown.contains("MCP prompt \"Arguments Prompt\" of the server everything"), shown);
		assertTrue(shown.contains("city (required)") && shown.contains("state"), shown);
		card.pressUse();
		assertTrue(card.text().contains("Fill in: city"), card.text());
		assertEquals(0, model.requests().size(), "nothing is sent without the required argument");

		card.fill("city", "Paris");
		Screenshots.take(view.getSite().getShell(), "chat-mcp-prompt");
		card.pressUse();
		Workbenches.waitUntil(display, () -> !view.controller().isRunning() && model.requests().size() == 1, 60,
				"the prompt's message is sent");
		assertTrue(model.requests().get(0).contains("weather in Paris?"), model.requests().get(0));
		assertTrue(view.controller().conversation().messages().stream()
				.anyMatch(m -> m.text().equals("What's weather in Paris?")), "the message is the user's in the conversation");
		String trail = String.join("\n", Files.readAllLines(latestAudit()));
		assertTrue(trail.contains("mcp.prompt") && trail.contains("everything/args-prompt"), trail);
	}

	private static final String ARCHITECTURE = "demo://resource/static/document/architecture.md";

	private static java.nio.file.Path latestAudit() throws Exception {
		try (var files = Files.list(WardenServices.state().auditDirectory())) {
			return files.filter(Files::isRegularFile)
					.max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified())).orElseThrow();
		}
	}
}
