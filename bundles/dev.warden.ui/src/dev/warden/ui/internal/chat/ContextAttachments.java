package dev.warden.ui.internal.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.RowLayoutFactory;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.texteditor.ITextEditor;

import dev.warden.core.agent.ResourceAttachment;
import dev.warden.core.protect.FetchedContent;
import dev.warden.core.protect.PathDecision;
import dev.warden.core.protect.PathPolicy;

/**
 * What the user attaches to the next prompt: the active editor's file or selection, files named with
 * {@code @path}, resources of MCP servers named with {@code @server:uri}, and fetched URLs. Shown as removable chips above the input; only what the agent may see can be
 * attached.
 */
public final class ContextAttachments {

	/** Text of an attached file beyond this is left out, with a note. */
	static final int FILE_LIMIT = 100_000;
	private static final Pattern MENTION = Pattern.compile("(?<=^|\\s)@([^\\s@]+)"); //$NON-NLS-1$

	/** One attachment: how the chip reads, and the text added to the prompt. */
	public record Attachment(String label, String promptText) {
	}

	private final Composite chips;
	private final List<Attachment> attachments = new ArrayList<>();

	public ContextAttachments(Composite parent) {
		chips = new Composite(parent, SWT.NONE);
		RowLayoutFactory.fillDefaults().spacing(8).wrap(true).applyTo(chips);
		GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(chips);
		chips.setVisible(false);
	}

	public List<Attachment> attachments() {
		return List.copyOf(attachments);
	}

	public void add(Attachment attachment) {
		attachments.add(attachment);
		redraw();
	}

	public void clear() {
		attachments.clear();
		redraw();
	}

	private void redraw() {
		for (var child : chips.getChildren()) {
			child.dispose();
		}
		for (Attachment attachment : attachments) {
			Link chip = new Link(chips, SWT.NONE);
			chip.setText(attachment.label() + "  <a>\u2715</a>"); //$NON-NLS-1$
			chip.setToolTipText(ChatMessages.Context_remove);
			chip.addListener(SWT.Selection, e -> {
				attachments.remove(attachment);
				redraw();
			});
		}
		boolean visible = !attachments.isEmpty();
		chips.setVisible(visible);
		((GridData) chips.getLayoutData()).exclude = !visible;
		ChatLayout.relayout(chips);
	}

	/**
	 * Attaches the active editor's selection, or its whole file when nothing is selected.
	 *
	 * @return why nothing was attached, or empty
	 */
	public Optional<String> attachEditor(IWorkbenchPage page, PathPolicy policy) {
		IEditorPart editor = page.getActiveEditor();
		ITextEditor text = editor == null ? null : editor.getAdapter(ITextEditor.class);
		IFile file = editor == null ? null : editor.getEditorInput().getAdapter(IFile.class);
		if (text == null || file == null || file.getLocation() == null) {
			return Optional.of(ChatMessages.Context_noEditor);
		}
		PathDecision decision = policy.decide(java.nio.file.Path.of(file.getLocation().toOSString()));
		if (!decision.isAllowed()) {
			return Optional.of(NLS.bind(ChatMessages.Context_notVisible, file.getName(), decision.reason()));
		}
		IDocument document = text.getDocumentProvider().getDocument(text.getEditorInput());
		String path = decision.relativePath();
		if (text.getSelectionProvider().getSelection() instanceof ITextSelection selection && selection.getLength() > 0) {
			try {
				int first = document.getLineOfOffset(selection.getOffset()) + 1;
				int last = document.getLineOfOffset(selection.getOffset() + selection.getLength()) + 1;
				String label = NLS.bind(ChatMessages.Context_selectionLabel, new Object[] { file.getName(), first, last });
				add(new Attachment(label, NLS.bind(ChatMessages.Context_selectionPrompt, new Object[] { path, first, last })
						+ fence(selection.getText())));
				return Optional.empty();
			} catch (BadLocationException e) {
				return Optional.of(e.getMessage());
			}
		}
		add(new Attachment(file.getName(), NLS.bind(ChatMessages.Context_filePrompt, path) + fence(limit(document.get()))));
		return Optional.empty();
	}

	/** Attaches fetched web content, fenced as untrusted data. */
	public void attachUrl(FetchedContent content) {
		add(new Attachment(content.url(), content.toPromptBlock()));
	}

	/**
	 * Resolves the {@code @path} mentions of a prompt into attachments of the files the agent may see.
	 *
	 * @return the mentions that could not be attached, each with why
	 */
	public List<String> attachMentions(String prompt, PathPolicy policy) {
		return attachMentions(prompt, policy, Set.of());
	}

	/**
	 * Resolves the {@code @path} mentions of a prompt into attachments of the files the agent may see; mentions of a
	 * resource of one of {@code servers} ({@code @server:uri}) are left to {@link #resourceMentions}.
	 *
	 * @return the mentions that could not be attached, each with why
	 */
	public List<String> attachMentions(String prompt, PathPolicy policy, Collection<String> servers) {
		List<String> problems = new ArrayList<>();
		Matcher mention = MENTION.matcher(prompt);
		while (mention.find()) {
			String path = mention.group(1);
			if (resourceMention(path, servers).isPresent()) {
				continue;
			}
			PathDecision decision = policy.decide(path);
			if (!decision.isAllowed()) {
				problems.add(NLS.bind(ChatMessages.Context_notVisible, path, decision.reason()));
				continue;
			}
			if (decision.path() == null || !Files.isRegularFile(decision.path())) {
				continue;
			}
			try {
				String content = Files.readString(decision.path(), StandardCharsets.UTF_8);
				add(new Attachment(path, NLS.bind(ChatMessages.Context_filePrompt, decision.relativePath()) + fence(limit(content))));
			} catch (IOException | java.io.UncheckedIOException e) {
				problems.add(NLS.bind(ChatMessages.Context_unreadable, path, e.getMessage()));
			}
		}
		return problems;
	}

	/**
	 * The resources of MCP servers a prompt mentions ({@code @server:uri}, {@code server} one of {@code servers}),
	 * each once, in the order mentioned: the agent reads them (asking as for a call of a tool of that server) and adds
	 * them to the prompt like attached files.
	 */
	public static List<ResourceAttachment> resourceMentions(String prompt, Collection<String> servers) {
		Set<ResourceAttachment> found = new LinkedHashSet<>();
		Matcher mention = MENTION.matcher(prompt);
		while (mention.find()) {
			resourceMention(mention.group(1), servers).ifPresent(found::add);
		}
		return List.copyOf(found);
	}

	/** A mention {@code server:uri} of one of {@code servers}: the URI has a scheme of its own. */
	private static Optional<ResourceAttachment> resourceMention(String mention, Collection<String> servers) {
		int colon = mention.indexOf(':');
		if (colon <= 0 || !servers.contains(mention.substring(0, colon))) {
			return Optional.empty();
		}
		String uri = mention.substring(colon + 1);
		return uri.indexOf(':') > 0 ? Optional.of(new ResourceAttachment(mention.substring(0, colon), uri))
				: Optional.empty();
	}

	/** The prompt with the attachments appended; the attachments are used up. */
	public String promptWith(String prompt) {
		if (attachments.isEmpty()) {
			return prompt;
		}
		StringBuilder text = new StringBuilder(prompt);
		for (Attachment attachment : attachments) {
			text.append("\n\n").append(attachment.promptText()); //$NON-NLS-1$
		}
		clear();
		return text.toString();
	}

	private static String fence(String content) {
		String fence = content.contains("```") ? "````" : "```"; //$NON-NLS-1$ //$NON-NLS-2$
		return '\n' + fence + '\n' + content + (content.endsWith("\n") ? "" : "\n") + fence; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	private static String limit(String content) {
		return content.length() <= FILE_LIMIT ? content
				: content.substring(0, FILE_LIMIT) + '\n' + NLS.bind(ChatMessages.Context_truncated, content.length() - FILE_LIMIT);
	}

	/** The first http or https URL in {@code text}, if any. */
	public static Optional<String> findUrl(String text) {
		Matcher url = Pattern.compile("https?://[^\\s<>\"'`]+").matcher(text); //$NON-NLS-1$
		return url.find() ? Optional.of(url.group().replaceAll("[).,;:!?]+$", "")) : Optional.empty(); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
