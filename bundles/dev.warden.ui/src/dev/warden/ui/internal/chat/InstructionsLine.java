package dev.warden.ui.internal.chat;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.agent.AgentScope;
import dev.warden.core.agent.InstructionFile;
import dev.warden.core.agent.Instructions;
import dev.warden.core.operations.WardenJobs;
import dev.warden.core.settings.Registration;
import dev.warden.core.trust.Acceptance;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.WardenServices;

/**
 * The line of the chat view that says which standing instructions are in effect (the user's own, the projects'
 * {@code AGENTS.md} files) and offers to review a project's file that is new or changed since it was accepted. It is
 * read again off the UI thread when an {@code AGENTS.md} changes in the workspace, when the settings change, and
 * before each prompt.
 */
public final class InstructionsLine {

	private final Link line;
	private final Supplier<Shell> shell;
	private final AtomicInteger generation = new AtomicInteger();
	private final Registration settings;
	private final IResourceChangeListener files = this::resourcesChanged;
	private volatile Instructions shown = Instructions.NONE;

	InstructionsLine(Composite parent, Supplier<Shell> shell) {
		this.shell = shell;
		line = new Link(parent, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).exclude(true).applyTo(line);
		line.setVisible(false);
		line.addListener(SWT.Selection, e -> review());
		settings = WardenServices.instructions().addListener(this::refresh);
		ResourcesPlugin.getWorkspace().addResourceChangeListener(files, IResourceChangeEvent.POST_CHANGE);
		line.addListener(SWT.Dispose, e -> {
			settings.close();
			ResourcesPlugin.getWorkspace().removeResourceChangeListener(files);
		});
		refresh();
	}

	private void resourcesChanged(IResourceChangeEvent event) {
		boolean[] relevant = { false };
		try {
			event.getDelta().accept(delta -> {
				boolean project = delta.getResource().getType() == IResource.PROJECT;
				if (delta.getResource().getName().equals(InstructionFile.NAME) || project
						&& (delta.getKind() != IResourceDelta.CHANGED || (delta.getFlags() & IResourceDelta.OPEN) != 0)) {
					relevant[0] = true;
				}
				return !relevant[0];
			});
		} catch (CoreException e) {
			relevant[0] = true;
		}
		if (relevant[0]) {
			refresh();
		}
	}

	/** Reads the instructions again, off the UI thread, and shows them. */
	public void refresh() {
		int mine = generation.incrementAndGet();
		WardenJobs.scheduleSystem(ChatMessages.Instructions_reading, monitor -> {
			Instructions instructions = read();
			UI.runOnUIThread(line, () -> {
				if (mine == generation.get()) {
					show(instructions);
				}
			});
		});
	}

	/** The instructions for the projects the agent would work in now. */
	static Instructions read() {
		return WardenServices.instructions()
				.instructions(AgentScope.of(AgentScope.candidates(), WardenServices.protection()).projects());
	}

	private void show(Instructions instructions) {
		shown = instructions;
		if (line.isDisposed()) {
			return;
		}
		List<String> inEffect = new ArrayList<>();
		if (!instructions.user().isEmpty()) {
			inEffect.add(ChatMessages.Instructions_yours);
		}
		instructions.accepted().forEach(file -> inEffect.add(file.label()));
		StringBuilder text = new StringBuilder();
		if (!inEffect.isEmpty()) {
			text.append(NLS.bind(ChatMessages.Instructions_inEffect, String.join(", ", inEffect), //$NON-NLS-1$
					NumberFormat.getIntegerInstance().format(instructions.tokens())));
		}
		if (!instructions.pending().isEmpty()) {
			InstructionFile next = instructions.pending().get(0);
			if (!text.isEmpty()) {
				text.append("  "); //$NON-NLS-1$
			}
			String state = WardenServices.instructions().acceptance(next) == Acceptance.CHANGED
					? ChatMessages.Instructions_changed : ChatMessages.Instructions_new;
			text.append(NLS.bind(state, next.label()));
			if (instructions.pending().size() > 1) {
				text.append(' ').append(NLS.bind(ChatMessages.Instructions_more, instructions.pending().size() - 1));
			}
			text.append("  <a>").append(ChatMessages.Instructions_review).append("</a>"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String shownText = text.toString().replace("&", "&&"); //$NON-NLS-1$ //$NON-NLS-2$
		if (shownText.equals(line.getText())) {
			ChatLayout.show(line, !text.isEmpty());
			return; // read again before each prompt, and most often the same: nothing to lay out
		}
		line.setText(shownText);
		if (!ChatLayout.show(line, !text.isEmpty()) && !text.isEmpty()) {
			ChatLayout.relayout(line); // shown before and now: its new text may take another number of lines
		}
	}

	/** Asks about the first file waiting for review; accepting counts exactly the content shown. */
	public void review() {
		if (shown.pending().isEmpty()) {
			return;
		}
		InstructionFile file = shown.pending().get(0);
		InstructionReviewDialog dialog = new InstructionReviewDialog(shell.get(), file,
				WardenServices.instructions().acceptance(file));
		if (dialog.open() == Window.OK) {
			try {
				WardenServices.instructions().accept(file);
			} catch (BackingStoreException e) {
				ILog.of(getClass()).error("The acceptance of " + file.label() + " could not be saved.", e); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		refresh();
	}

	/** For tests: the line as shown, without its link markup; empty when hidden. */
	public String text() {
		return line.getVisible() ? line.getText().replaceAll("</?a>", "").replace("&&", "&") : ""; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}
}
