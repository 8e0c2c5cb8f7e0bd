package dev.warden.ui.tests.chat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;

import dev.warden.core.agent.Mode;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.settings.ModelSettings;
import dev.warden.core.settings.WardenPreferences;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.chat.ChatView;
import dev.warden.ui.tests.Workbenches;

/**
 * A real project the user trusted, a scripted model server on loopback as the configured model, Autopilot, and the
 * Warden Chat view open on a new chat: what a test of the chat needs. {@link #close()} stops the agent and puts
 * everything back.
 */
public final class ChatFixture implements AutoCloseable {

	public final ScriptedModelServer model;
	public final IProject project;
	public final ChatView view;
	public final Display display;
	private final boolean maximized;

	private ChatFixture(ScriptedModelServer model, IProject project, ChatView view, boolean maximized) {
		this.model = model;
		this.project = project;
		this.view = view;
		this.display = view.getSite().getShell().getDisplay();
		this.maximized = maximized;
	}

	/** Starts building a fixture with a project of {@code projectName}. */
	public static Builder project(String projectName) {
		return new Builder(projectName);
	}

	/** What the fixture holds. */
	public static final class Builder {
		private final String projectName;
		private final Map<String, String> files = new LinkedHashMap<>();
		private String modelName = "scripted";
		private int timeoutSeconds = 20;
		private String trusted = "";
		private boolean maximized;

		private Builder(String projectName) {
			this.projectName = projectName;
		}

		public Builder file(String path, String content) {
			files.put(path, content);
			return this;
		}

		/** The model's name as the status line shows it, and the request time-out. */
		public Builder model(String name, int timeout) {
			modelName = name;
			timeoutSeconds = timeout;
			return this;
		}

		/** The workspace's trusted-command list. */
		public Builder trusted(String patterns) {
			trusted = patterns;
			return this;
		}

		/** The chat view fills the window (for pictures and measurements). */
		public Builder maximized() {
			maximized = true;
			return this;
		}

		public ChatFixture open() throws Exception {
			ScriptedModelServer model = new ScriptedModelServer();
			WardenServices.model().save(new ModelSettings.Values(ProviderPreset.CUSTOM, model.baseUrl(), modelName, 1024,
					null, timeoutSeconds));
			IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(projectName);
			project.create(null);
			project.open(null);
			for (Map.Entry<String, String> file : files.entrySet()) {
				project.getFile(file.getKey())
						.create(new ByteArrayInputStream(file.getValue().getBytes(StandardCharsets.UTF_8)), true, null);
			}
			WardenServices.protection().setProjectTrusted(project.getName(), true);
			WardenServices.trust().saveWorkspaceText(trusted);
			WardenServices.mode().setMode(Mode.AUTOPILOT);
			ChatView view = (ChatView) Workbenches.page().showView(ChatView.ID);
			if (maximized) {
				Workbenches.page().setPartState(Workbenches.page().getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
			}
			view.controller().newChat();
			return new ChatFixture(model, project, view, maximized);
		}
	}

	@Override
	public void close() throws Exception {
		view.pressStop();
		Workbenches.waitUntil(display, () -> !view.controller().isRunning(), 10, "the agent stops");
		if (maximized) {
			Workbenches.page().setPartState(Workbenches.page().getReference(view), IWorkbenchPage.STATE_RESTORED);
		}
		Workbenches.page().hideView(view);
		model.close();
		project.delete(true, true, null);
		InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER).clear();
		WardenServices.trust().saveWorkspaceText("");
		WardenServices.protection().setProjectTrusted(project.getName(), false);
		WardenServices.mode().setMode(Mode.AUTOPILOT);
	}
}
