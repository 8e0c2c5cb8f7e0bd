package dev.warden.killtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.PlatformUI;

import dev.warden.core.agent.Conversation;
import dev.warden.core.agent.Mode;
import dev.warden.core.agent.SessionSummary;
import dev.warden.core.changes.Checkpoint;
import dev.warden.core.changes.FileOutcome;
import dev.warden.core.changes.RestoreResult;
import dev.warden.core.provider.ContentPart;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.provider.Role;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.settings.ModelSettings;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.changes.ChatChanges;
import dev.warden.ui.internal.chat.ChatView;

/**
 * Plays the user of the IDE for the kill test ({@code releng/bin/kill-test}), and only when the IDE was started with
 * {@code -Dwarden.killtest=URL}, the address of the test's harness. After the workbench has started it asks the
 * harness for the plan, then, through the chat view as a person would use it: opens every saved chat again and says
 * whether it reloads consistent, reverts all changes of the latest chat, waits for the harness to check the files,
 * sends two prompts to the model the harness plays, and finally reverts all or restores to the second prompt's
 * checkpoint. It reports each step to the harness, which kills the IDE with SIGKILL somewhere along the way.
 */
public final class KillTestDriver implements IStartup {

	static final String PROPERTY = "warden.killtest"; //$NON-NLS-1$

	private HttpClient http;
	private URI harness;
	private Display display;

	@Override
	public void earlyStartup() {
		String address = System.getProperty(PROPERTY);
		if (address == null || address.isBlank()) {
			return;
		}
		harness = URI.create(address);
		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Thread thread = new Thread(this::drive, "Warden kill test driver"); //$NON-NLS-1$
		thread.setDaemon(true);
		thread.start();
	}

	private void drive() {
		try {
			display = PlatformUI.getWorkbench().getDisplay();
			Map<String, String> plan = plan(get("plan")); //$NON-NLS-1$
			ChatView view = ui(() -> setUp(plan));
			event("ready"); //$NON-NLS-1$
			checkSavedChats(view);
			revertLatest(view);
			get("continue"); // the harness has checked the files //$NON-NLS-1$
			ui(() -> {
				view.controller().newChat();
				return null;
			});
			event("turn-start"); //$NON-NLS-1$
			prompt(view, plan.get("prompt1")); //$NON-NLS-1$
			event("prompt1-done"); //$NON-NLS-1$
			prompt(view, plan.get("prompt2")); //$NON-NLS-1$
			event("turn-done " + view.controller().conversation().id()); //$NON-NLS-1$
			String action = plan.getOrDefault("action", "none"); //$NON-NLS-1$ //$NON-NLS-2$
			ChatChanges changes = ui(() -> view.controller().changes());
			if (action.equals("revert")) { //$NON-NLS-1$
				event("action-start revert"); //$NON-NLS-1$
				RestoreResult result = ui(() -> changes.restore(changes.planRevertAll(), Map.of(), null));
				event("action-done revert " + summary(result)); //$NON-NLS-1$
			} else if (action.equals("restore")) { //$NON-NLS-1$
				String prompt2 = plan.get("prompt2"); //$NON-NLS-1$
				Checkpoint checkpoint = changes.checkpoints().stream()
						.filter(c -> prompt2.startsWith(c.promptSummary().replace("\u2026", ""))).findFirst() //$NON-NLS-1$ //$NON-NLS-2$
						.orElseThrow(() -> new IllegalStateException("no checkpoint for the second prompt")); //$NON-NLS-1$
				event("action-start restore"); //$NON-NLS-1$
				RestoreResult result = ui(() -> changes.restore(changes.planRestoreTo(checkpoint.id()), Map.of(), null));
				event("action-done restore " + summary(result)); //$NON-NLS-1$
			}
			event("finished"); //$NON-NLS-1$
		} catch (Throwable e) {
			StringWriter trace = new StringWriter();
			e.printStackTrace(new PrintWriter(trace));
			try {
				event("error " + trace.toString().replace('\n', '|')); //$NON-NLS-1$
			} catch (IOException | InterruptedException unreachable) {
				// the harness is gone: nothing to tell
			}
		}
	}

	/** The project the harness laid out on disk, the loopback model, trust for the commands, Autopilot, the chat. */
	private ChatView setUp(Map<String, String> plan) throws Exception {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(plan.get("project")); //$NON-NLS-1$
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		project.refreshLocal(IResource.DEPTH_INFINITE, null);
		WardenServices.model().save(new ModelSettings.Values(ProviderPreset.CUSTOM, plan.get("model"), "scripted", 1024, //$NON-NLS-1$ //$NON-NLS-2$
				null, 60));
		WardenServices.protection().setProjectTrusted(project.getName(), true);
		WardenServices.trust().saveWorkspaceText(plan.get("trusted").replace(';', '\n')); //$NON-NLS-1$
		WardenServices.mode().setMode(Mode.AUTOPILOT);
		return (ChatView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(ChatView.ID);
	}

	/** Every saved chat as the store reads it back, and the latest as the chat view opens it. */
	private void checkSavedChats(ChatView view) throws Exception {
		List<SessionSummary> history = ui(() -> view.controller().history());
		for (SessionSummary summary : history) {
			String verdict;
			try {
				Optional<Conversation> loaded = WardenServices.state().conversations().load(summary.id());
				verdict = loaded.map(KillTestDriver::consistency).orElse("missing"); //$NON-NLS-1$
			} catch (IOException e) {
				verdict = "damaged " + e.getMessage(); //$NON-NLS-1$
			}
			event("saved " + summary.id() + ' ' + verdict); //$NON-NLS-1$
		}
		if (!history.isEmpty()) {
			String id = history.get(0).id();
			boolean opened = ui(() -> view.controller().open(id));
			String verdict = opened ? ui(() -> consistency(view.controller().conversation())) : "not opened"; //$NON-NLS-1$
			event("opened " + id + ' ' + verdict); //$NON-NLS-1$
		}
	}

	/** "ok", or what is wrong: a tool call without its result, a result without its call. */
	static String consistency(Conversation conversation) {
		List<Message> messages = conversation.messages();
		for (int i = 0; i < messages.size(); i++) {
			Message message = messages.get(i);
			Set<String> calls = new HashSet<>();
			if (i > 0 && messages.get(i - 1).role() == Role.ASSISTANT) {
				messages.get(i - 1).toolCalls().forEach(c -> calls.add(c.id()));
			}
			if (message.role() == Role.USER) {
				for (ContentPart part : message.parts()) {
					if (part instanceof ContentPart.ToolResult result && !calls.contains(result.toolUseId())) {
						return "result-without-call " + result.toolUseId(); //$NON-NLS-1$
					}
				}
			}
			if (message.role() == Role.ASSISTANT && !message.toolCalls().isEmpty()) {
				Message next = i + 1 < messages.size() ? messages.get(i + 1) : null;
				Set<String> answered = new HashSet<>();
				if (next != null && next.role() == Role.USER) {
					next.parts().stream().filter(ContentPart.ToolResult.class::isInstance)
							.forEach(p -> answered.add(((ContentPart.ToolResult) p).toolUseId()));
				}
				for (ToolCall call : message.toolCalls()) {
					if (!answered.contains(call.id())) {
						return "call-without-result " + call.id(); //$NON-NLS-1$
					}
				}
			}
		}
		return "ok " + messages.size(); //$NON-NLS-1$
	}

	/** Revert All of the chat shown (the latest), as the toolbar's button does once the user confirmed. */
	private void revertLatest(ChatView view) throws Exception {
		ChatChanges changes = ui(() -> view.controller().changes());
		ChatChanges.RestoreRequest request = ui(changes::planRevertAll);
		if (!request.hasWork()) {
			event("reverted nothing"); //$NON-NLS-1$
			return;
		}
		RestoreResult result = ui(() -> changes.restore(request, Map.of(), null));
		event("reverted " + summary(result)); //$NON-NLS-1$
	}

	private void prompt(ChatView view, String prompt) throws Exception {
		ui(() -> {
			view.send(prompt);
			return null;
		});
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (ui(() -> view.controller().isRunning())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the prompt did not finish within two minutes"); //$NON-NLS-1$
			}
			Thread.sleep(20);
		}
	}

	private static String summary(RestoreResult result) {
		Map<FileOutcome.Outcome, Integer> counts = new EnumMap<>(FileOutcome.Outcome.class);
		StringBuilder problems = new StringBuilder();
		for (FileOutcome file : result.files()) {
			counts.merge(file.outcome(), 1, Integer::sum);
			if (!result.complete()) {
				problems.append(' ').append(file.path()).append('=').append(file.outcome());
			}
		}
		return (result.complete() ? "complete " : "incomplete ") + counts + problems; //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static Map<String, String> plan(String text) {
		Map<String, String> plan = new LinkedHashMap<>();
		for (String line : text.split("\n")) { //$NON-NLS-1$
			int eq = line.indexOf('=');
			if (eq > 0) {
				plan.put(line.substring(0, eq), line.substring(eq + 1));
			}
		}
		return plan;
	}

	private <T> T ui(Callable<T> work) throws Exception {
		AtomicReference<T> value = new AtomicReference<>();
		AtomicReference<Exception> failure = new AtomicReference<>();
		display.syncExec(() -> {
			try {
				value.set(work.call());
			} catch (Exception e) {
				failure.set(e);
			}
		});
		if (failure.get() != null) {
			throw failure.get();
		}
		return value.get();
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(harness.resolve(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		return response.body();
	}

	private void event(String text) throws IOException, InterruptedException {
		http.send(HttpRequest.newBuilder(harness.resolve("event")) //$NON-NLS-1$
				.POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build(),
				HttpResponse.BodyHandlers.discarding());
	}
}
