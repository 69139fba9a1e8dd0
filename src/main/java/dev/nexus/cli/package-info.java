/**
 * The {@code nexus} command line (picocli): {@code serve} is the composition root that wires everything by hand;
 * {@code keys}, {@code accounts}, {@code routes} and {@code quota} are thin shells over the same repositories and
 * services as the admin API, working on the same database whether or not a server runs (a running server sees their
 * changes within 2 s, at once on PostgreSQL, where {@code FleetSync} hears them through LISTEN/NOTIFY); {@code doctor}
 * checks the set-up and starts a private server on a loopback port to run the self-test probes through it;
 * {@code accounts login} waits for a browser's callback or reads a pasted URL from the stdin
 * {@code NexusCommand} was given. The CLI is a local admin tool: it prints emails in full. A secret it generates for
 * the operator (the first client key) is printed only on a terminal ({@code StandardOutput}), else written to an
 * owner-only file beside the database. Commands return exit codes; only {@code Nexus.main} exits.
 */
package dev.nexus.cli;
