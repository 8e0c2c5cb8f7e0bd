package dev.warden.core.tests.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.warden.core.protect.FetchException;
import dev.warden.core.protect.FetchLimits;
import dev.warden.core.protect.FetchedContent;
import dev.warden.core.protect.HostResolver;
import dev.warden.core.protect.SafeFetcher;
import dev.warden.core.protect.UrlPolicy;

/**
 * HTTPS through the pinned address: a real TLS server on loopback with a certificate made for this test by the JDK's
 * keytool. The fetcher connects to the address the policy checked but verifies the certificate against the name in
 * the URL, so a server that cannot prove that name is refused even though the address is the same.
 */
class SafeFetcherHttpsTest {

	private static final char[] PASSWORD = "warden-test".toCharArray();

	@TempDir
	Path dir;
	private HttpsServer server;
	private SafeFetcher fetcher;
	private int port;

	@BeforeEach
	void startTlsServer() throws Exception {
		Path keystore = dir.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
				"-dname", "CN=secure.test", "-ext", "SAN=dns:secure.test", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
				.redirectErrorStream(true).start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool: " + output);

		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, PASSWORD);
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, PASSWORD);
		SSLContext serverContext = SSLContext.getInstance("TLS");
		serverContext.init(keys.getKeyManagers(), null, null);
		server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
		server.createContext("/doc", exchange -> {
			byte[] body = "served over TLS".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		port = server.getAddress().getPort();

		// the client trusts exactly this certificate, as it would trust a public CA's
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext clientContext = SSLContext.getInstance("TLS");
		clientContext.init(null, trust.getTrustManagers(), null);
		InetAddress loopback = InetAddress.getLoopbackAddress();
		UrlPolicy policy = UrlPolicy.of(Set.of("secure.test", "impostor.test"),
				HostResolver.pinned(Map.of("secure.test", loopback, "impostor.test", loopback), HostResolver.SYSTEM));
		fetcher = new SafeFetcher(policy, FetchLimits.DEFAULT, clientContext.getSocketFactory());
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void httpsToTheCheckedAddressVerifiesTheCertificateForTheUrlsHost() throws Exception {
		FetchedContent content = fetcher.fetch("https://secure.test:" + port + "/doc");
		assertEquals("served over TLS", content.text().strip());
		assertEquals(InetAddress.getLoopbackAddress(), content.address());
	}

	@Test
	void aServerThatCannotProveTheUrlsHostIsRefusedAtTheSameAddress() {
		FetchException refused = assertThrows(FetchException.class,
				() -> fetcher.fetch("https://impostor.test:" + port + "/doc"));
		assertTrue(refused.getMessage().contains("certificate") && refused.getMessage().contains("matching impostor.test"),
				refused.getMessage());
	}
}
