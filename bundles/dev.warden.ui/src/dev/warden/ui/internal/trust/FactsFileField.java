package dev.warden.ui.internal.trust;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.warden.core.trust.ProgramFacts;
import dev.warden.ui.internal.WardenServices;

/**
 * The path of an administrator's program-facts file on the Trusted Commands page: facts about the team's own tools
 * in the format of Warden's {@code program-facts.txt}, added to Warden's own. The problems of the file show under
 * the field; the page judges with the facts as typed and saves the path with the lists.
 */
public final class FactsFileField {

	private final Text path;
	private final Label problems;
	private final Runnable changed;

	public FactsFileField(Composite parent, String initial, Runnable changed) {
		this.changed = changed;
		Composite row = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).applyTo(row);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
		new Label(row, SWT.NONE).setText(TrustMessages.Facts_label);
		path = new Text(row, SWT.BORDER | SWT.SINGLE);
		path.setMessage(TrustMessages.Facts_hint);
		path.setText(initial);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(path);
		Button browse = new Button(row, SWT.PUSH);
		browse.setText(TrustMessages.Facts_browse);
		browse.addListener(SWT.Selection, e -> {
			FileDialog dialog = new FileDialog(row.getShell(), SWT.OPEN);
			String chosen = dialog.open();
			if (chosen != null) {
				path.setText(chosen);
			}
		});
		problems = new Label(row, SWT.WRAP);
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(problems);
		path.addListener(SWT.Modify, e -> {
			showProblems();
			this.changed.run();
		});
		showProblems();
	}

	/** The path as typed, trimmed; empty for none. */
	public String path() {
		return path.getText().strip();
	}

	public void setPath(String text) {
		path.setText(text);
	}

	/** Warden's facts with the file as typed added. */
	public ProgramFacts facts() {
		return WardenServices.trust().programFacts(path());
	}

	private void showProblems() {
		List<String> found = path().isEmpty() ? List.of() : facts().problems();
		problems.setText(found.isEmpty() ? "" //$NON-NLS-1$
				: NLS.bind(TrustMessages.Facts_problems, found.size(), found.get(0)));
		problems.getParent().layout(true);
	}
}
