package dev.warden.ui.internal.trust;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import dev.warden.core.trust.PatternValidation;

/**
 * Asks for one trust pattern (or, where the list takes them, one {@code !} deny rule), checking it with
 * {@link PatternValidation} on each keystroke: a problem keeps OK disabled, a warning is shown before the user
 * confirms it. What the user entered goes to a callback, so that the dialog can be opened without blocking.
 */
public final class PatternDialog extends TitleAreaDialog {

	private final String title;
	private final String initial;
	private final boolean allowDeny;
	private final List<String> others;
	private final Consumer<String> onOk;
	private Text pattern;
	private Label meaning;
	private PatternValidation validation;

	/**
	 * @param initial   the pattern to edit, or empty to add one
	 * @param allowDeny whether the list takes {@code !} deny rules
	 * @param others    the list's other rows, to refuse a duplicate
	 * @param onOk      receives the pattern when the user presses OK
	 */
	public PatternDialog(Shell parent, String title, String initial, boolean allowDeny, List<String> others,
			Consumer<String> onOk) {
		super(parent);
		this.title = title;
		this.initial = initial;
		this.allowDeny = allowDeny;
		this.others = List.copyOf(others);
		this.onOk = onOk;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(title);
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(title);
		Composite contents = new Composite(area, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(contents);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(contents);

		new Label(contents, SWT.NONE).setText(TrustMessages.PatternDialog_pattern);
		pattern = new Text(contents, SWT.BORDER);
		pattern.setFont(JFaceResources.getTextFont());
		GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(pattern);
		new Label(contents, SWT.NONE);
		meaning = new Label(contents, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(meaning);

		Label syntax = new Label(contents, SWT.WRAP);
		syntax.setText(allowDeny ? TrustMessages.PatternDialog_syntaxWithDeny : TrustMessages.PatternDialog_syntax);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(500, SWT.DEFAULT).indent(0, 8).applyTo(syntax);

		pattern.setText(initial);
		pattern.addListener(SWT.Modify, e -> validate());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		validate();
		pattern.setFocus();
		pattern.selectAll();
	}

	private void validate() {
		validation = PatternValidation.of(pattern.getText());
		String problem = problem();
		meaning.setText(problem == null && !validation.line().isEmpty() ? PatternLines.meaning(validation.line()) : ""); //$NON-NLS-1$
		if (problem != null) {
			setErrorMessage(validation.line().isEmpty() ? null : problem);
			setMessage(TrustMessages.PatternDialog_message);
		} else {
			setErrorMessage(null);
			if (validation.warning().isPresent()) {
				setMessage(validation.warning().get(), IMessageProvider.WARNING);
			} else {
				setMessage(TrustMessages.PatternDialog_message);
			}
		}
		getButton(IDialogConstants.OK_ID).setEnabled(problem == null);
	}

	/** Why the typed line cannot be added, or {@code null}. */
	private String problem() {
		if (validation.line().isEmpty()) {
			return TrustMessages.PatternDialog_empty;
		}
		if (validation.problem().isPresent()) {
			return validation.problem().get();
		}
		if (validation.isDeny() && !allowDeny) {
			return TrustMessages.PatternDialog_denyElsewhere;
		}
		if (PatternLines.contains(others, validation.line())) {
			return TrustMessages.PatternDialog_duplicate;
		}
		return null;
	}

	@Override
	protected void okPressed() {
		if (problem() != null) {
			return;
		}
		String line = validation.line();
		super.okPressed();
		onOk.accept(line);
	}

	/** For tests: types {@code text} into the pattern field, replacing what is there. */
	public void type(String text) {
		pattern.setText(text);
	}

	/** For tests: presses OK, as a user would (nothing happens while OK is disabled). */
	public void pressOk() {
		if (getButton(IDialogConstants.OK_ID).isEnabled()) {
			okPressed();
		}
	}

	/** For tests: presses Cancel. */
	public void pressCancel() {
		cancelPressed();
	}

	/** For tests: the error the dialog shows, or {@code null}. */
	public String shownError() {
		return getErrorMessage();
	}

	/** For tests: the message (or warning) the dialog shows. */
	public String shownMessage() {
		return getMessage();
	}
}
