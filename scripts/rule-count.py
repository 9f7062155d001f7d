#!/usr/bin/env python3
"""Counts nospill's detection rules by category (the groups of issue 4), for
release notes. A provider file's category is listed below; a new file that
is not listed shows up as "unsorted" so the table never hides it.
Usage: python3 scripts/rule-count.py
"""

import collections
import tomllib
from pathlib import Path

CATEGORIES = {
    "cloud": "alibaba aws azure cloudflare digitalocean flyio gcp google hetzner ibm linode "
    "heroku railway render scaleway scalingo vercel vultr netlify deno convex modal yandex upstash neon "
    "supabase planetscale databricks",
    "code hosting and CI": "bitbucket buildkite circleci codecov gitea github gitlab harness jenkins "
    "octopus prefect sonarqube sourcegraph snyk teamcity travis",
    "AI providers": "anthropic assemblyai cerebras cohere deepgram deepseek elevenlabs fireworks groq "
    "huggingface langfuse langsmith mistral nvidia openai openrouter perplexity pinecone replicate "
    "stability tavily together voyage wandb xai",
    "messaging": "discord line mattermost microsoft_teams pusher sendbird slack telegram twilio",
    "payments and commerce": "adyen braintree coinbase duffel flutterwave gocardless mollie paypal plaid "
    "razorpay shopify square stripe lob shippo easypost",
    "e-mail": "brevo mailchimp mailgun mailjet mandrill postmark resend sendgrid sparkpost",
    "observability": "airbrake bugsnag datadog dynatrace elastic grafana honeycomb logzio newrelic "
    "opsgenie pagerduty posthog rollbar sentry splunk sumologic",
    "registries": "clojars cloudsmith cratesio dockerhub jfrog npm nuget pypi rubygems",
    "infrastructure and identity": "akamai auth0 definednetworking doppler fastly infisical infracost "
    "kubernetes ngrok okta onepassword pulumi tailscale terraform vault atlassian meraki stytch",
    "SaaS APIs": "airtable algolia asana beamer bitly clickup cloudinary contentful dropbox etherscan "
    "alchemy infura facebook figma frameio freshdesk hubspot ifttt intercom launchdarkly linear "
    "mapbox maxmind mux notion postman rapidapi readme salesforce sanity trello twitch twitter "
    "typeform ubidots zapier zendesk zoom",
    "private keys": "age private_key",
    "credential files": "credential_file",
    "connection strings": "connection_string database",
    "HTTP auth and JWT": "http_auth jwt",
    "generic tier": "generic",
    "PII": "pii",
}


def main() -> None:
    category_of = {name: cat for cat, names in CATEGORIES.items() for name in names.split()}
    rules = collections.Counter()
    files = collections.Counter()
    for path in sorted((Path(__file__).resolve().parent.parent / "scanner-core" / "rules").glob("*.toml")):
        category = category_of.get(path.stem, "unsorted")
        rules[category] += len(tomllib.loads(path.read_text()).get("rule", []))
        files[category] += 1
    print("| category | rules | provider files |")
    print("| --- | ---: | ---: |")
    for category, n in rules.most_common():
        print(f"| {category} | {n} | {files[category]} |")
    print(f"| **total** | **{sum(rules.values())}** | **{sum(files.values())}** |")


if __name__ == "__main__":
    main()
