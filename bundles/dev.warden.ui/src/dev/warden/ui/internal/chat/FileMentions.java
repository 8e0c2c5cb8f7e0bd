package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.fieldassist.ContentProposal;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.fieldassist.IContentProposalListener2;
import org.eclipse.jface.fieldassist.IContentProposalProvider;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Text;

/**
 * {@code @} completion in the chat input over the resources of the running MCP servers ({@code server:uri}) and the
 * workspace files the agent may see (hidden files are never offered). Choosing one replaces what was typed after the
 * {@code @} with it.
 */
public final class FileMentions implements IContentProposalProvider {

	private static final int MAX_PROPOSALS = 50;
	private final Supplier<List<String>> files;
	private List<String> cached;

	private FileMentions(Supplier<List<String>> files) {
		this.files = files;
	}

	public static void install(Text input, Supplier<List<String>> files) {
		FileMentions provider = new FileMentions(files);
		ContentProposalAdapter adapter = new ContentProposalAdapter(input, new TextContentAdapter(), provider,
				KeyStroke.getInstance(SWT.CTRL, ' '), new char[] { '@' });
		adapter.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_IGNORE);
		adapter.addContentProposalListener(proposal -> replaceMention(input, proposal.getContent()));
		adapter.addContentProposalListener(new IContentProposalListener2() {
			@Override
			public void proposalPopupOpened(ContentProposalAdapter opened) {
				provider.cached = null;
			}

			@Override
			public void proposalPopupClosed(ContentProposalAdapter closed) {
				provider.cached = null;
			}
		});
	}

	/** Replaces the word after the last {@code @} before the caret with {@code path}. */
	static void replaceMention(Text input, String path) {
		String text = input.getText();
		int caret = input.getCaretPosition();
		int at = text.lastIndexOf('@', Math.max(0, caret - 1));
		if (at < 0) {
			return;
		}
		input.setText(text.substring(0, at + 1) + path + ' ' + text.substring(caret));
		input.setSelection(at + path.length() + 2);
	}

	@Override
	public IContentProposal[] getProposals(String contents, int position) {
		int at = contents.lastIndexOf('@', Math.max(0, position - 1));
		if (at < 0 || contents.substring(at, position).chars().anyMatch(Character::isWhitespace)) {
			return new IContentProposal[0];
		}
		String typed = contents.substring(at + 1, position).toLowerCase(Locale.ROOT);
		if (cached == null) {
			cached = files.get();
		}
		List<IContentProposal> proposals = new ArrayList<>();
		for (String file : cached) {
			if (file.toLowerCase(Locale.ROOT).contains(typed)) {
				proposals.add(new ContentProposal(file));
				if (proposals.size() >= MAX_PROPOSALS) {
					break;
				}
			}
		}
		return proposals.toArray(IContentProposal[]::new);
	}

	/** For tests: the files offered for what was typed after {@code @}. */
	public static List<String> proposalsFor(Supplier<List<String>> files, String typed) {
		return proposalsIn(files, '@' + typed);
	}

	/** For tests: what is offered for the input {@code contents}, the caret at its end. */
	static List<String> proposalsIn(Supplier<List<String>> files, String contents) {
		FileMentions provider = new FileMentions(files);
		List<String> offered = new ArrayList<>();
		for (IContentProposal proposal : provider.getProposals(contents, contents.length())) {
			offered.add(proposal.getContent());
		}
		return offered;
	}
}
