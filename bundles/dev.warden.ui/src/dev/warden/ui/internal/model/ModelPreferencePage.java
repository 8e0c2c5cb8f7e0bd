package dev.warden.ui.internal.model;

import dev.warden.core.settings.ModelSettings;
import dev.warden.ui.internal.WardenServices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.layout.GridData;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.AwsAccess;
import dev.warden.core.provider.AwsCredentialSource;
import dev.warden.core.provider.ConnectionTestResult;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.provider.ReasoningEffort;
import dev.warden.core.provider.Providers;
import dev.warden.ui.internal.UI;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.operations.WardenJobs;

/**
 * Window &gt; Preferences &gt; Warden &gt; Model: the provider, its address, the model, limits, and the API key, which
 * is kept in secure storage only.
 */
public final class ModelPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

	public static final String ID = "dev.warden.ui.preferences.model"; //$NON-NLS-1$

	private static final Pattern BEDROCK_ENDPOINT = Pattern
			.compile("https://bedrock-runtime\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/?"); //$NON-NLS-1$

	private Combo preset;
	private Label protocol;
	private Text baseUrl;
	private Combo model;
	private Button fetchModels;
	private Text apiKey;
	private Label keyNote;
	private Spinner maxOutputTokens;
	private Text temperature;
	private Spinner timeout;
	private Combo reasoning;
	private Button testConnection;
	private Label testResult;
	private boolean keyEdited;
	private Text region;
	private Combo awsCredentials;
	private Text awsProfile;
	/** The labels and fields shown only for Amazon Bedrock. */
	private final List<Control> awsRows = new ArrayList<>();

	@Override
	public void init(IWorkbench workbench) {
		setDescription(ModelMessages.ModelPage_description);
	}

	@Override
	protected Control createContents(Composite parent) {
		Composite contents = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(contents);

		preset = new Combo(labelled(contents, ModelMessages.ModelPage_preset), SWT.READ_ONLY | SWT.DROP_DOWN);
		for (ProviderPreset each : ProviderPreset.values()) {
			preset.add(each.label());
		}
		preset.addListener(SWT.Selection, e -> presetChosen());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(preset);

		labelled(contents, ModelMessages.ModelPage_protocol);
		protocol = new Label(contents, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(protocol);

		region = awsRow(contents, ModelMessages.ModelPage_region, new Text(contents, SWT.BORDER));
		region.setMessage(AwsAccess.DEFAULT_REGION);
		region.addListener(SWT.Modify, e -> {
			regionChanged();
			validate();
		});
		baseUrl = text(contents, ModelMessages.ModelPage_baseUrl, SWT.BORDER);
		Composite modelRow = new Composite(labelled(contents, ModelMessages.ModelPage_model), SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(modelRow);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(modelRow);
		model = new Combo(modelRow, SWT.DROP_DOWN | SWT.BORDER);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(model);
		fetchModels = new Button(modelRow, SWT.PUSH);
		fetchModels.setText(ModelMessages.ModelPage_fetchModels);
		fetchModels.setToolTipText(ModelMessages.ModelPage_fetchModelsTip);
		fetchModels.addListener(SWT.Selection, e -> fetchModels());
		awsCredentials = awsRow(contents, ModelMessages.ModelPage_awsCredentials,
				new Combo(contents, SWT.READ_ONLY | SWT.DROP_DOWN));
		for (AwsCredentialSource source : AwsCredentialSource.values()) {
			awsCredentials.add(source.label());
		}
		awsCredentials.addListener(SWT.Selection, e -> credentialSourceChosen());
		awsProfile = awsRow(contents, ModelMessages.ModelPage_awsProfile, new Text(contents, SWT.BORDER));
		awsProfile.setMessage(ModelMessages.ModelPage_awsProfileDefault);
		apiKey = text(contents, ModelMessages.ModelPage_apiKey, SWT.BORDER | SWT.PASSWORD);
		apiKey.addListener(SWT.Modify, e -> keyEdited = true);
		new Label(contents, SWT.NONE);
		keyNote = new Label(contents, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(keyNote);

		maxOutputTokens = new Spinner(labelled(contents, ModelMessages.ModelPage_maxOutputTokens), SWT.BORDER);
		maxOutputTokens.setValues(ProviderConfig.DEFAULT_MAX_OUTPUT_TOKENS, 1, 1_000_000, 0, 256, 4096);
		temperature = text(contents, ModelMessages.ModelPage_temperature, SWT.BORDER);
		temperature.setMessage(ModelMessages.ModelPage_temperatureDefault);
		timeout = new Spinner(labelled(contents, ModelMessages.ModelPage_timeout), SWT.BORDER);
		timeout.setValues(120, 5, 3600, 0, 5, 60);
		reasoning = new Combo(labelled(contents, ModelMessages.ModelPage_reasoning), SWT.READ_ONLY | SWT.DROP_DOWN);
		for (ReasoningEffort effort : ReasoningEffort.values()) {
			reasoning.add(reasoningLabel(effort));
		}
		reasoning.setToolTipText(ModelMessages.ModelPage_reasoningTip);
		reasoning.select(WardenServices.model().reasoning().ordinal());

		testConnection = new Button(contents, SWT.PUSH);
		testConnection.setText(ModelMessages.ModelPage_testConnection);
		testConnection.addListener(SWT.Selection, e -> testConnection());
		GridDataFactory.fillDefaults().span(2, 1).align(SWT.BEGINNING, SWT.CENTER).applyTo(testConnection);
		testResult = new Label(contents, SWT.WRAP);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(testResult);

		show(WardenServices.model().load());
		showStoredKeyState();
		keyEdited = false;
		return contents;
	}

	private static String reasoningLabel(ReasoningEffort effort) {
		return switch (effort) {
		case OFF -> ModelMessages.ModelPage_reasoningOff;
		case LOW -> NLS.bind(ModelMessages.ModelPage_reasoningLow, effort.budgetTokens());
		case MEDIUM -> NLS.bind(ModelMessages.ModelPage_reasoningMedium, effort.budgetTokens());
		case HIGH -> NLS.bind(ModelMessages.ModelPage_reasoningHigh, effort.budgetTokens());
		};
	}

	private static Composite labelled(Composite parent, String label) {
		new Label(parent, SWT.NONE).setText(label);
		return parent;
	}

	/** A labelled row of the AWS settings, hidden for other providers. */
	private <T extends Control> T awsRow(Composite parent, String label, T field) {
		Label name = new Label(parent, SWT.NONE);
		name.setText(label);
		name.moveAbove(field);
		GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(name);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(field);
		awsRows.add(name);
		awsRows.add(field);
		return field;
	}

	private static Text text(Composite parent, String label, int style) {
		Text text = new Text(labelled(parent, label), style);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
		return text;
	}

	private void show(ModelSettings.Values values) {
		preset.select(values.preset().ordinal());
		protocol.setText(values.preset().kind().label());
		baseUrl.setText(values.baseUrl());
		model.setText(values.model());
		maxOutputTokens.setSelection(values.maxOutputTokens());
		temperature.setText(values.temperature() == null ? "" : values.temperature().toString()); //$NON-NLS-1$
		timeout.setSelection(values.timeoutSeconds());
		region.setText(values.aws().region());
		awsCredentials.select(values.aws().credentials().ordinal());
		awsProfile.setText(values.aws().profile());
		showProviderRows();
	}

	private boolean bedrock() {
		return selectedPreset().kind() == ProviderKind.BEDROCK;
	}

	private AwsCredentialSource selectedCredentials() {
		return AwsCredentialSource.values()[Math.max(0, awsCredentials.getSelectionIndex())];
	}

	/** Shows the AWS rows for Bedrock only, and which of the key and profile fields apply. */
	private void showProviderRows() {
		boolean aws = bedrock();
		for (Control control : awsRows) {
			((GridData) control.getLayoutData()).exclude = !aws;
			control.setVisible(aws);
		}
		AwsCredentialSource source = selectedCredentials();
		awsProfile.setEnabled(aws && source == AwsCredentialSource.PROFILE);
		apiKey.setEnabled(!aws || source == AwsCredentialSource.API_KEY);
		fetchModels.setEnabled(!aws);
		if (aws) {
			keyNote.setText(source == AwsCredentialSource.API_KEY ? ModelMessages.ModelPage_bedrockKeyNote
					: ModelMessages.ModelPage_awsCredentialsNote);
		} else {
			showStoredKeyState();
		}
		keyNote.getParent().layout(true, true);
	}

	private void credentialSourceChosen() {
		showProviderRows();
		validate();
	}

	/** A base URL that is a region's Bedrock endpoint follows the region; one the user typed stays. */
	private void regionChanged() {
		String typed = region.getText().strip();
		if (bedrock() && BEDROCK_ENDPOINT.matcher(baseUrl.getText().strip()).matches()
				&& new AwsAccess(typed, null, null).problem().isEmpty()) {
			baseUrl.setText(AwsAccess.runtimeEndpoint(typed));
		}
	}

	private void showStoredKeyState() {
		boolean stored = WardenServices.model().readKey().length > 0;
		keyNote.setText(stored ? ModelMessages.ModelPage_keyStored : ModelMessages.ModelPage_keyNotStored);
		apiKey.setMessage(stored ? ModelMessages.ModelPage_keyUnchanged : ""); //$NON-NLS-1$
	}

	private ProviderPreset selectedPreset() {
		return ProviderPreset.values()[Math.max(0, preset.getSelectionIndex())];
	}

	private void presetChosen() {
		ProviderPreset chosen = selectedPreset();
		protocol.setText(chosen.kind().label());
		baseUrl.setText(chosen.baseUrl());
		if (chosen.kind() == ProviderKind.BEDROCK) {
			if (region.getText().isBlank()) {
				region.setText(AwsAccess.DEFAULT_REGION);
			}
			regionChanged();
		}
		showProviderRows();
		if (!chosen.suggestedModel().isEmpty() || model.getText().isBlank()) {
			model.setText(chosen.suggestedModel());
		}
		validate();
	}

	/** What the page shows, or why it cannot be used. */
	private Optional<ModelSettings.Values> values() {
		Double temperatureValue = null;
		if (!temperature.getText().isBlank()) {
			try {
				temperatureValue = Double.valueOf(temperature.getText().strip());
			} catch (NumberFormatException e) {
				setErrorMessage(ModelMessages.ModelPage_temperatureInvalid);
				return Optional.empty();
			}
		}
		return Optional.of(new ModelSettings.Values(selectedPreset(), baseUrl.getText().strip(),
				model.getText().strip(), maxOutputTokens.getSelection(), temperatureValue, timeout.getSelection(),
				new AwsAccess(region.getText(), selectedCredentials(), awsProfile.getText())));
	}

	private ApiKey keyForTest() {
		if (keyEdited) {
			return ApiKey.ofString(apiKey.getText());
		}
		return ApiKey.of(WardenServices.model()::readKey);
	}

	private boolean validate() {
		setErrorMessage(null);
		Optional<ModelSettings.Values> values = values();
		if (values.isEmpty()) {
			return false;
		}
		ProviderConfig config = values.get().toConfig(ApiKey.NONE);
		Optional<String> problem = config.problem();
		problem.ifPresent(this::setErrorMessage);
		setMessage(config.adjustment().orElse(null), WARNING);
		return problem.isEmpty();
	}

	private void testConnection() {
		if (!validate()) {
			return;
		}
		ProviderConfig config = values().orElseThrow().toConfig(keyForTest());
		testConnection.setEnabled(false);
		testResult.setText(NLS.bind(ModelMessages.ModelPage_testing, config.model()));
		Cancellation cancellation = new Cancellation();
		// cancelling the job in the Progress view ends the request at once
		WardenJobs.job(ModelMessages.ModelPage_testConnection, cancellation, monitor -> {
			ConnectionTestResult result = Providers.testConnection(config, cancellation);
			UI.runOnUIThread(testResult, () -> {
				testResult.setText(result.message());
				testConnection.setEnabled(true);
				testResult.getParent().layout(true, true);
			});
		}).schedule();
	}

	/** Fills the model field's list from the server's models endpoint, off the UI thread. */
	private void fetchModels() {
		setErrorMessage(null);
		Optional<ModelSettings.Values> values = values();
		if (values.isEmpty()) {
			return;
		}
		ProviderConfig config = values.get().toConfig(keyForTest());
		fetchModels.setEnabled(false);
		testResult.setText(ModelMessages.ModelPage_fetching);
		Cancellation cancellation = new Cancellation();
		WardenJobs.job(ModelMessages.ModelPage_fetchModels, cancellation, monitor -> {
			String message;
			List<String> names = List.of();
			try {
				names = Providers.listModels(config, cancellation);
				message = names.isEmpty() ? ModelMessages.ModelPage_noModels
						: NLS.bind(ModelMessages.ModelPage_fetched, names.size());
			} catch (ProviderException e) {
				message = e.getMessage();
			}
			String shown = message;
			List<String> found = names;
			UI.runOnUIThread(testResult, () -> {
				fetchModels.setEnabled(true);
				testResult.setText(shown);
				if (!found.isEmpty()) {
					String typed = model.getText();
					model.setItems(found.toArray(String[]::new));
					model.setText(typed.isBlank() ? found.get(0) : typed);
					model.setListVisible(true);
				}
				testResult.getParent().layout(true, true);
			});
		}).schedule();
	}

	/** For tests: presses Fetch Models. */
	public void pressFetchModels() {
		fetchModels();
	}

	/** For tests: the models the field offers. */
	public List<String> offeredModels() {
		return List.of(model.getItems());
	}

	/** For tests and screenshots: the outcome of the last connection test as shown. */
	public String testResultText() {
		return testResult.getText();
	}

	@Override
	protected void performDefaults() {
		ProviderPreset chosen = ProviderPreset.ANTHROPIC;
		show(new ModelSettings.Values(chosen, chosen.baseUrl(), "", ProviderConfig.DEFAULT_MAX_OUTPUT_TOKENS, null, //$NON-NLS-1$
				(int) ProviderConfig.DEFAULT_REQUEST_TIMEOUT.toSeconds()));
		reasoning.select(ReasoningEffort.OFF.ordinal());
		super.performDefaults();
	}

	@Override
	public boolean performOk() {
		Optional<ModelSettings.Values> values = values();
		if (values.isEmpty()) {
			return false;
		}
		try {
			WardenServices.model().save(values.get());
			WardenServices.model().setReasoning(ReasoningEffort.values()[Math.max(0, reasoning.getSelectionIndex())]);
			if (keyEdited) {
				WardenServices.model().writeKey(apiKey.getText());
				char[] typed = apiKey.getTextChars();
				Arrays.fill(typed, '\0');
				apiKey.setText(""); //$NON-NLS-1$
				keyEdited = false;
				showStoredKeyState();
			}
			return true;
		} catch (BackingStoreException | StorageException | IOException e) {
			ILog.of(getClass()).log(Status.error(ModelMessages.ModelPage_saveFailed, e));
			setErrorMessage(ModelMessages.ModelPage_saveFailed + ' ' + e.getMessage());
			return false;
		}
	}

	/** For tests: fills the page as a user would type. */
	public void fill(ProviderPreset chosen, String url, String modelName, String key) {
		preset.select(chosen.ordinal());
		presetChosen();
		baseUrl.setText(url);
		model.setText(modelName);
		apiKey.setText(key);
	}

	/** For tests: chooses Amazon Bedrock and fills its settings as a user would. */
	public void fillBedrock(String regionName, AwsCredentialSource source, String profileName, String modelName,
			String key) {
		preset.select(ProviderPreset.BEDROCK.ordinal());
		presetChosen();
		region.setText(regionName);
		awsCredentials.select(source.ordinal());
		credentialSourceChosen();
		awsProfile.setText(profileName);
		model.setText(modelName);
		if (!key.isEmpty()) {
			apiKey.setText(key);
		}
	}

	/** For tests: types a base URL. */
	public void typeBaseUrl(String url) {
		baseUrl.setText(url);
	}

	/** For tests: the base URL as shown. */
	public String baseUrlText() {
		return baseUrl.getText();
	}

	/** For tests: whether the AWS rows are shown and which fields can be typed in. */
	public boolean awsRowsShown() {
		return region.isVisible();
	}

	public boolean profileEditable() {
		return awsProfile.isEnabled();
	}

	public boolean keyEditable() {
		return apiKey.isEnabled();
	}

	/** For tests: presses Test connection. */
	public void pressTestConnection() {
		testConnection();
	}

}
