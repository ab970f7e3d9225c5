//! The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`. Written by
//! hand beside the routes; a test checks that every API route is described.

use serde_json::{json, Value};

/// The API routes, as the router names them (relative to `/api`).
#[cfg(test)]
pub const ROUTES: [(&str, &str); 11] = [
    ("get", "/entities"),
    ("get", "/entities/{id}"),
    ("get", "/events"),
    ("get", "/events/{id}"),
    ("get", "/documents"),
    ("post", "/documents"),
    ("get", "/documents/{id}"),
    ("get", "/conflicts"),
    ("get", "/search"),
    ("post", "/judgements"),
    ("get", "/openapi.json"),
];

fn query(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "schema": {"type": "string"}, "description": description})
}

fn path_id(description: &str) -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": description})
}

fn ok(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"type": "object"}}}})
}

fn error(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

pub fn document() -> Value {
    let date = "EDTF date: 2017, 2017-03 or 2017-03-05";
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "dossier",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The sourced record of a collection of reports: people, organisations and places with their spellings, events with every passage that tells them, and the disagreements between sources. Reading is open; writing and confidential documents need the token (Authorization: Bearer)."
        },
        "servers": [{"url": "/api"}],
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {
                        "type": "object",
                        "required": ["status", "code", "message"],
                        "properties": {
                            "status": {"type": "integer"},
                            "code": {"type": "string", "enum": ["not_found", "bad_request", "unauthorized", "refused", "too_large", "internal"]},
                            "message": {"type": "string"}
                        }
                    }}
                }
            }
        },
        "paths": {
            "/entities": {"get": {
                "summary": "People, organisations and places with their aliases, event counts and status",
                "parameters": [query("kind", "person, organization or place"), query("q", "a name in any spelling or script")],
                "responses": {"200": ok("{entities: [...]}"), "400": error("a bad filter"), "401": error("an invalid token")}
            }},
            "/entities/{id}": {"get": {
                "summary": "One entity with its status and timeline",
                "parameters": [path_id("entity id, e.g. e12")],
                "responses": {"200": ok("the entity"), "404": error("no such entity")}
            }},
            "/events": {"get": {
                "summary": "Events, in date order, filtered",
                "parameters": [query("type", "event type, e.g. arrest"), query("from", date), query("to", date), query("entity", "entity id or name"), query("place", "place name")],
                "responses": {"200": ok("{events: [...]}"), "400": error("a bad filter")}
            }},
            "/events/{id}": {"get": {
                "summary": "One event with its sources and conflicts",
                "parameters": [path_id("event id, e.g. v3")],
                "responses": {"200": ok("the event"), "404": error("no such event")}
            }},
            "/documents": {
                "get": {"summary": "The documents", "responses": {"200": ok("{documents: [...]}")}},
                "post": {
                    "summary": "Ingest a report (the file's bytes as the body)",
                    "security": [{"token": []}],
                    "parameters": [query("name", "the file name (its extension helps detect the format)"), query("confidential", "true to show it only to token holders")],
                    "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                    "responses": {"201": ok("stored"), "200": ok("the same bytes were stored already"), "401": error("no valid token"), "413": error("too large"), "422": error("refused: empty, binary, not text")}
                }
            },
            "/documents/{id}": {"get": {
                "summary": "One document: text, mentions and event passages",
                "parameters": [path_id("document id, e.g. d4")],
                "responses": {"200": ok("the document"), "404": error("no such document (or confidential)")}
            }},
            "/conflicts": {"get": {"summary": "Every disagreement between sources", "responses": {"200": ok("{conflicts: [...]}")}}},
            "/search": {"get": {
                "summary": "Names (any spelling or script), their events, and the reports' text",
                "parameters": [query("q", "words or a name"), query("type", "event type"), query("from", date), query("to", date), query("place", "place name")],
                "responses": {"200": ok("{entities, events, documents}"), "400": error("a bad filter")}
            }},
            "/judgements": {"post": {
                "summary": "Record that two names are the same entity or different ones",
                "security": [{"token": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["kind", "a", "b"],
                    "properties": {"kind": {"type": "string", "enum": ["same", "different"]}, "a": {"type": "string"}, "b": {"type": "string"}}
                }}}},
                "responses": {"200": ok("the entities after the judgement"), "400": error("a bad body"), "401": error("no valid token"), "404": error("no such name")}
            }},
            "/openapi.json": {"get": {"summary": "This document", "responses": {"200": ok("OpenAPI 3.1")}}}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_described() {
        let doc = document();
        for (method, path) in ROUTES {
            assert!(doc["paths"][path][method].is_object(), "{method} {path} is not in the OpenAPI document");
        }
        let described: usize = doc["paths"].as_object().unwrap().values().map(|p| p.as_object().unwrap().len()).sum();
        assert_eq!(described, ROUTES.len(), "the document describes routes the router does not have");
    }
}
