/** The Gemini dialect (GenAI, Cloud Code, Gemini API, Vertex): translations to and from the canonical model, and error shapes. Depends on Jackson only. */
package dev.nexus.dialect.gemini;
