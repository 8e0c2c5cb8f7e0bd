package dev.warden.ui.internal.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.resource.JFaceColors;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PartStatus;
import dev.warden.core.trust.Verdict;

/**
 * The "Try a command" box: a command line typed here is judged on each keystroke (without recording anything), and
 * the box shows the verdict and every simple command the line would run, with its status and the pattern that
 * covers it or why not.
 */
public final class TryCommandBox {

	/**
	 * What the box shows for a command line.
	 *
	 * @param verdict      the verdict under the lists as they stand
	 * @param ifAccepted   a note on how the verdict would change if the user accepted a project's list, if it would
	 */
	public record Judgement(CommandVerdict verdict, Optional<String> ifAccepted) {
	}

	private final Function<String, Judgement> judge;
	private final Text command;
	private final Label verdictLabel;
	private final Label note;
	private final Table parts;
	private CommandVerdict shown;

	/** @param judge judges a command line against what the page shows; cheap, called on every keystroke */
	public TryCommandBox(Composite parent, Function<String, Judgement> judge) {
		this.judge = judge;
		Group group = new Group(parent, SWT.NONE);
		group.setText(TrustMessages.Try_title);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(group);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(group);

		new Label(group, SWT.NONE).setText(TrustMessages.Try_command);
		command = new Text(group, SWT.BORDER | SWT.SEARCH | SWT.ICON_CANCEL);
		command.setFont(JFaceResources.getTextFont());
		command.setMessage(TrustMessages.Try_hint);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(command);
		command.addListener(SWT.Modify, e -> refresh());

		verdictLabel = new Label(group, SWT.WRAP);
		verdictLabel.setFont(JFaceResources.getBannerFont());
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(500, SWT.DEFAULT).applyTo(verdictLabel);
		note = new Label(group, SWT.WRAP);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(500, SWT.DEFAULT).exclude(true)
				.applyTo(note);
		note.setVisible(false);

		Composite tableArea = new Composite(group, SWT.NONE);
		TableColumnLayout columns = new TableColumnLayout();
		tableArea.setLayout(columns);
		parts = new Table(tableArea, SWT.BORDER | SWT.FULL_SELECTION);
		parts.setHeaderVisible(true);
		parts.setLinesVisible(true);
		column(columns, TrustMessages.Try_status, 18, 90);
		column(columns, TrustMessages.Try_part, 37, 140);
		column(columns, TrustMessages.Try_why, 45, 160);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, true)
				.hint(500, parts.getItemHeight() * 3 + parts.getHeaderHeight()).applyTo(tableArea);
		refresh();
	}

	private void column(TableColumnLayout layout, String title, int weight, int minimum) {
		TableColumn column = new TableColumn(parts, SWT.NONE);
		column.setText(title);
		layout.setColumnData(column, new ColumnWeightData(weight, minimum));
	}

	/** Judges the typed command line again, as after a change of the lists. */
	public void refresh() {
		if (command.isDisposed()) {
			return;
		}
		String line = command.getText();
		parts.removeAll();
		if (line.isBlank()) {
			shown = null;
			verdictLabel.setText(TrustMessages.Try_empty);
			verdictLabel.setForeground(null);
			showNote(Optional.empty());
			return;
		}
		Judgement judgement = judge.apply(line);
		shown = judgement.verdict();
		verdictLabel.setText(dev.warden.ui.internal.UI.literal(NLS.bind(headline(shown.verdict()), shown.reason())));
		verdictLabel.setForeground(shown.verdict() == Verdict.DENIED ? JFaceColors.getErrorText(parts.getDisplay()) : null);
		for (CommandPart part : shown.parts()) {
			TableItem item = new TableItem(parts, SWT.NONE);
			item.setText(new String[] { status(part.status()), partText(part), why(part) });
			item.setFont(1, JFaceResources.getTextFont());
			if (part.status() == PartStatus.DENIED) {
				item.setForeground(0, JFaceColors.getErrorText(parts.getDisplay()));
			}
		}
		showNote(judgement.ifAccepted());
	}

	private void showNote(Optional<String> text) {
		note.setText(text.orElse("")); //$NON-NLS-1$
		note.setVisible(text.isPresent());
		((GridData) note.getLayoutData()).exclude = text.isEmpty();
		note.getParent().layout(true, true);
	}

	private static String headline(Verdict verdict) {
		return switch (verdict) {
		case TRUSTED -> TrustMessages.Try_trusted;
		case ASK -> TrustMessages.Try_ask;
		case DENIED -> TrustMessages.Try_denied;
		};
	}

	/** How a part's status reads in the table. */
	public static String status(PartStatus status) {
		return switch (status) {
		case COVERED -> TrustMessages.Status_covered;
		case NOT_COVERED -> TrustMessages.Status_notCovered;
		case NOT_COVERABLE -> TrustMessages.Status_notCoverable;
		case FAILED_CLOSED -> TrustMessages.Status_failedClosed;
		case DENIED -> TrustMessages.Status_denied;
		};
	}

	private static String partText(CommandPart part) {
		return part.context().isEmpty() ? part.text() : part.text() + "  (" + part.context() + ')'; //$NON-NLS-1$
	}

	private static String why(CommandPart part) {
		if (part.status() == PartStatus.COVERED && part.pattern().isPresent()) {
			return NLS.bind(TrustMessages.Try_coveredBy, part.pattern().get());
		}
		if (part.status() == PartStatus.DENIED && part.pattern().isPresent()) {
			return NLS.bind(TrustMessages.Try_deniedBy, part.pattern().get(), part.reason());
		}
		if (part.fact().isPresent()) {
			return NLS.bind(TrustMessages.Try_fact, part.reason(), part.fact().get().describe());
		}
		return part.reason();
	}

	/** For tests: types {@code line} into the box, replacing what is there, as keystrokes would. */
	public void type(String line) {
		command.setText(line);
	}

	/** For tests: the verdict shown, or empty when the box is empty. */
	public Optional<CommandVerdict> shownVerdict() {
		return Optional.ofNullable(shown);
	}

	/** For tests: the rows of the parts table, each as its three cells. */
	public List<List<String>> shownRows() {
		List<List<String>> rows = new ArrayList<>();
		for (TableItem item : parts.getItems()) {
			rows.add(List.of(item.getText(0), item.getText(1), item.getText(2)));
		}
		return rows;
	}

	/** For tests: the headline shown above the parts. */
	public String shownHeadline() {
		return verdictLabel.getText();
	}

	/** For tests: the note on accepting a project's list, or empty. */
	public String shownNote() {
		return note.getVisible() ? note.getText() : ""; //$NON-NLS-1$
	}
}
