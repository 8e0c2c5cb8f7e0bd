package dev.warden.core.tests.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.core.provider.Providers;
import dev.warden.core.provider.StreamListener;

/**
 * The Azure OpenAI preset is the OpenAI-compatible path on Azure's v1 API ({@code {resource}/openai/v1}): chat
 * completions under that path, the key as a bearer token, the deployment's name as the model.
 */
class AzureOpenAiPresetTest {

	@Test
	void azurePresetPostsToTheV1ChatCompletionsPathWithTheKeyAsBearer() throws Exception {
		ProviderPreset azure = ProviderPreset.AZURE_OPENAI;
		assertEquals(ProviderKind.OPENAI_COMPATIBLE, azure.kind());
		assertTrue(azure.keyRequired());
		assertTrue(azure.baseUrl().endsWith(".openai.azure.com/openai/v1"), azure.baseUrl());
		assertEquals("", azure.suggestedModel(), "the model is the user's deployment name");

		try (LoopbackModelServer server = new LoopbackModelServer()) {
			server.then(LoopbackModelServer.sse("openai-text.sse"));
			ProviderConfig config = azure.toConfig("my-gpt-4-1-deployment", ApiKey.ofString("azure-key-0123"))
					.withBaseUrl(server.baseUrl() + "/openai/v1");
			ModelResponse response;
			try (ModelProvider provider = Providers.create(config)) {
				response = provider.stream(new ModelRequest("", List.of(), List.of(Message.user("Hi"))),
						StreamListener.NONE, new Cancellation());
			}
			assertFalse(response.message().text().isEmpty());
			LoopbackModelServer.Received request = server.received().get(0);
			assertEquals("/openai/v1/chat/completions", request.path());
			assertEquals("Bearer azure-key-0123", request.header("authorization"));
			assertEquals("my-gpt-4-1-deployment", request.json().get("model").getAsString());
		}
	}
}
