package dev.adsbridge.console.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test that uses the console as a person does: the shared console ({@link ConsoleHarness#shared()}) and a headless
 * Chromium per test (skipped, and reported as skipped, where none is installed), closed after each test.
 */
public abstract class BrowserTest {

    protected static ConsoleHarness world;
    protected Chrome chrome;

    @BeforeAll
    static void sharedConsole() {
        Chrome.assumeAvailable();
        world = ConsoleHarness.shared();
    }

    @BeforeEach
    void openBrowser() {
        chrome = new Chrome(world.baseUrl);
    }

    @AfterEach
    void closeBrowser() {
        if (chrome != null) {
            chrome.close();
        }
    }
}
