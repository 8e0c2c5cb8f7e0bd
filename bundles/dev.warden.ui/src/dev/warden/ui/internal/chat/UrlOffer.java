package dev.warden.ui.internal.chat;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import dev.warden.core.operations.WardenJobs;
import dev.warden.core.protect.FetchException;
import dev.warden.core.protect.FetchedContent;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.protect.FirstFetchNote;

/**
 * The offer under the input to fetch a URL the user pasted and attach its text to the prompt: shown while the input
 * holds an {@code http(s)} URL the user did not decline; the fetch runs off the UI thread through the core's URL
 * fetch service (URL policy, audit).
 */
final class UrlOffer {

	private final Composite offer;
	private final Label text;
	private final Supplier<Shell> shell;
	private final Supplier<String> sessionId;
	private final Consumer<FetchedContent> attach;
	private final Consumer<String> notice;
	private final Set<String> declined = new HashSet<>();
	private String offered;

	/**
	 * @param attach receives what was fetched, on the UI thread
	 * @param notice shows a failure in the conversation, on the UI thread
	 */
	UrlOffer(Composite parent, Supplier<Shell> shell, Supplier<String> sessionId, Consumer<FetchedContent> attach,
			Consumer<String> notice) {
		this.shell = shell;
		this.sessionId = sessionId;
		this.attach = attach;
		this.notice = notice;
		offer = new Composite(parent, SWT.BORDER);
		GridLayoutFactory.fillDefaults().numColumns(3).margins(6, 4).applyTo(offer);
		GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(offer);
		offer.setVisible(false);
		text = new Label(offer, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).align(SWT.FILL, SWT.CENTER).applyTo(text);
		Button fetch = new Button(offer, SWT.PUSH);
		fetch.setText(ChatMessages.Context_fetch);
		fetch.addListener(SWT.Selection, e -> fetchOffered());
		Button no = new Button(offer, SWT.PUSH);
		no.setText(ChatMessages.Context_noThanks);
		no.addListener(SWT.Selection, e -> {
			declined.add(offered);
			show(null);
		});
	}

	/** Offers the URL in {@code input}, if any and not declined; hides the offer when there is none. */
	void update(String input) {
		Optional<String> url = ContextAttachments.findUrl(input);
		if (url.isPresent() && !declined.contains(url.get())) {
			show(url.get());
		} else if (url.isEmpty()) {
			show(null);
		}
	}

	/** Shows the offer for {@code url}, or hides it ({@code null}). */
	void show(String url) {
		offered = url;
		if (url != null) {
			text.setText(NLS.bind(ChatMessages.Context_fetchOffer, url));
		}
		ChatLayout.show(offer, url != null);
	}

	/** The URL offered, or {@code null}. */
	String offered() {
		return offered;
	}

	/** Fetches the offered URL off the UI thread, after the first-fetch note, and attaches it. */
	void fetchOffered() {
		String url = offered;
		if (url == null || !FirstFetchNote.confirmFirstFetch(shell.get())) {
			return;
		}
		show(null);
		declined.add(url);
		String session = sessionId.get();
		WardenJobs.schedule(NLS.bind(ChatMessages.Context_fetching, url), monitor -> {
			try {
				FetchedContent content = WardenServices.fetcher().fetchForUser(url, session);
				UI.runOnUIThread(offer, () -> attach.accept(content));
			} catch (FetchException e) {
				UI.runOnUIThread(offer, () -> notice.accept(NLS.bind(ChatMessages.Context_fetchFailed, url, e.getMessage())));
			}
		});
	}
}
