package dev.nexus.cli;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.net.URI;

/** Opens an address in the desktop's browser when there is one; never fails, since printing the address is enough. */
final class Browser {
    private Browser() {}

    /** True when a browser was asked to open the address; false on headless machines or any trouble. */
    static boolean tryOpen(URI address) {
        try {
            if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()) {
                return false;
            }
            Desktop desktop = Desktop.getDesktop();
            if (!desktop.isSupported(Desktop.Action.BROWSE)) {
                return false;
            }
            desktop.browse(address);
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
