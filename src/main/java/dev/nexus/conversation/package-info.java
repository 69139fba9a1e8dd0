/**
 * Conversation state kept for clients that refer to earlier answers by id (OpenAI Responses
 * {@code previous_response_id}): the record and the repository contract the store implements. A stored response belongs
 * to the client key that created it and exists for no other. Depends on the JDK only.
 */
package dev.nexus.conversation;
