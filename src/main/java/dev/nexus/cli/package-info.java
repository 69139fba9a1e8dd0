/**
 * The {@code nexus} command line (picocli): {@code serve} is the composition root that wires everything by hand;
 * {@code keys} and {@code accounts} are thin shells over the same repositories, working on the same database
 * whether or not a server runs; {@code accounts login} waits for a browser's callback or reads a pasted URL from
 * the stdin {@code NexusCommand} was given. Commands return exit codes; only {@code Nexus.main} exits.
 */
package dev.nexus.cli;
