/**
 * Conversation state kept for clients that refer to earlier answers by id (OpenAI Responses
 * {@code previous_response_id}): the record and the repository contract the store implements. Depends on the JDK only.
 */
package dev.nexus.conversation;
