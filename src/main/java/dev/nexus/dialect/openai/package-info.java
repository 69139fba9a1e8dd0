/** The OpenAI dialect (Chat Completions, Responses): translations to and from the canonical model, and error shapes. Depends on Jackson only. */
package dev.nexus.dialect.openai;
