/**
 * Byte streams read whole: request bodies on the server side and answers on the upstream side. Depends on the JDK only.
 */
package dev.nexus.io;
