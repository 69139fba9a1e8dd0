/**
 * Browser tests of the dashboard and the monitor: Debian's Chromium driven by Selenium against the real server and
 * the fake upstreams. Skipped without a browser unless {@code NEXUS_TEST_BROWSER=required}.
 */
package dev.nexus.web;
