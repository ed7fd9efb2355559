"""Generalisation (issue #16): class and decision accuracy on labelled corpora of real error responses.

``fixtures/errors_corpus_dev.yaml`` and ``errors_corpus_dev2.yaml`` to ``errors_corpus_dev275.yaml`` are the
development halves of two hundred and seventy-one independent corpora (thirteen, fifteen, seventeen and nineteen were
kept whole, outside the repository; each case keeps its ``source``, ``family`` and ``fixed_by``);
``fixtures/errors_dev.yaml`` are the project's earlier development cases.
The rules are written from references and from the corpus's families, not from single cases, so a few labels
stay missed on purpose (judgement calls: ``python bench/explain_accuracy.py --misses`` lists them). The floors
below are what the classifier reaches; they may only go up (where one went down, the reason is noted at its floor).
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@functools.cache
def _load(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))


# Each development half by its floor name ("corpusN" is errors_corpus_devN.yaml) with its size; every one was
# measured unseen before its rules were written.
COUNTS = {
    "corpus": 190,
    "corpus2": 115,  # other kinds of sources: Q&A, docs error tables, SDK exception strings, log lines, gateways
    "corpus3": 90,  # more server test suites, SDK logs and provider error tables
    "corpus5": 94,  # applications that integrate OAuth: CLIs, CI federation, MCP, vendor help centres
    "corpus6": 63,  # providers the others covered thinly, servers' and libraries' own code
    "corpus7": 175,  # round thirteen: five collections from sources no earlier corpus used
    "corpus8": 114,  # round thirteen: Q&A pages, data tools, mobile sign-in, own servers
    "corpus9": 120,  # round thirteen: gaming, health/finance/government identity, DevOps, commerce
    "corpus10": 194,  # round fourteen: libraries by language, CLI and infrastructure tools, SaaS APIs, Q&A
    "corpus11": 158,  # round fourteen: mail, identity servers, automation and IoT, workload federation, non-English
    "corpus12": 84,  # round fourteen: Microsoft, Google, popular SaaS APIs, enterprise identity providers
    "corpus14": 90,  # round fifteen: client libraries, enterprise identity providers, SaaS APIs, mobile/desktop/CLI
    "corpus16": 82,  # round fifteen: Q&A on Microsoft and Google, enterprise SaaS, developer platforms, payments
    "corpus18": 90,  # round sixteen, neutral samples from here on: libraries, servers, SaaS forums, infrastructure
    "corpus20": 74,  # round sixteen: platform SDKs, self-hosted applications, Q&A and provider docs
    "corpus21": 68,  # round sixteen: identity providers' forums, gateways and proxies, developer tools and MCP
    "corpus22": 55,  # round sixteen: cloud and enterprise identity SDKs, web frameworks, consumer and payment APIs
    "corpus23": 74,  # round seventeen: client libraries by language, provider forums, self-hosted servers, CLIs
    "corpus24": 54,  # round seventeen: mobile SDKs, enterprise SSO, server test suites, data and BI connectors
    "corpus25": 69,  # round seventeen: non-English sources, consumer platforms, fintech and health, education
    "corpus26": 72,  # round seventeen: workload identity, gateways and meshes, commerce and marketing, dev platforms
    "corpus27": 60,  # round seventeen: IoT and voice account linking, mail and calendar, framework servers, AI tools
    "corpus28": 67,  # round seventeen: JVM frameworks, Rust/Elixir/Dart/Swift libraries, Microsoft 365, Google scripts
    "corpus29": 66,  # round seventeen: CMS plugins, VPN and infrastructure SSO, chat and wiki apps, observability
    "corpus30": 62,  # round seventeen: travel and logistics, HR and finance SaaS, marketing and payments, research
    "corpus31": 66,  # round eighteen: Stack Exchange and self-hosted apps' SSO, cloud CLIs and IaC, social/fitness APIs
    "corpus32": 67,  # round eighteen: data and BI platforms, ERP and accounting APIs, browser/desktop apps, API tools
    "corpus33": 83,  # round eighteen: gaming platforms, open banking and FAPI, Python web login, PHP and Ruby
    "corpus34": 83,  # round eighteen: Go and .NET, cross-platform mobile, mail over XOAUTH2, CI/CD and devtools
    "corpus35": 55,  # round eighteen: SMART on FHIR and health APIs, LTI and LMS, e-signature and storage, smart home
    "corpus36": 68,  # round eighteen: identity vendors' forums, chat and collaboration apps, marketplaces, ads APIs
    "corpus37": 58,  # round eighteen: payments and fintech, national eID, auth proxies and ingress, JVM libraries
    "corpus38": 73,  # round eighteen: SPA OIDC libraries, native iOS/Android SDKs, video and music, productivity SaaS
    "corpus39": 74,  # round eighteen: Salesforce, Microsoft Graph app scenarios, Google Workspace APIs, dev platforms
    "corpus40": 66,  # round eighteen: terminal and desktop tools, backup and sync, Asian platforms, marketing email
    "corpus41": 46,  # round nineteen: Okta and Auth0, Entra and MSAL, Google sign-in and APIs, GitHub/GitLab/Bitbucket
    "corpus42": 41,  # round nineteen: chat, storage and social APIs, self-hosted identity servers, SaaS APIs, libraries
    "corpus43": 41,  # round nineteen: Q&A, enterprise identity, auth-as-a-service platforms, consumer sign-in providers
    "corpus44": 42,  # round nineteen: mobile sign-in SDKs, web frameworks, gateways and token checks, cloud CLIs, CI
    "corpus45": 48,  # round nineteen: Graph and B2C, Google Workspace and Ads APIs, CRM and support APIs, media APIs
    "corpus46": 32,  # round nineteen: self-hosted apps' SSO, Python, JavaScript, JVM/.NET/Go/PHP client code
    "corpus47": 47,  # round nineteen: MSAL in browsers and apps, Google consent and ADC, GitHub Apps, chat platforms
    "corpus48": 41,  # round nineteen: Keycloak in practice, Spring, commerce and payments, Cognito, B2C and Firebase
    "corpus49": 45,  # round nineteen: Okta, Auth0, Apple and Facebook sign-in, Salesforce integrations
    "corpus50": 48,  # round nineteen: productivity APIs, file storage APIs, social media APIs, Azure workload identity
    "corpus51": 38,  # round twenty: Node and Python sign-in libraries, ASP.NET Core and .NET, mobile sign-in
    "corpus52": 44,  # round twenty: automation platforms, accounting and CRM APIs, work-management APIs, ops OIDC
    "corpus53": 48,  # round twenty: enterprise platform APIs, app-store developer APIs, consumer APIs, PHP and Ruby
    "corpus54": 43,  # round twenty: GitHub, Google Cloud credentials, Microsoft identity in web apps, SPA OIDC SDKs
    "corpus55": 37,  # round twenty: JVM services, AWS identity, regional and social sign-in, developer platforms
    "corpus56": 36,  # round twenty: Q&A sites, AI and developer tools, mail and calendar over OAuth, self-hosted SSO
    "corpus57": 16,  # round twenty-one: Python OAuth client libraries, DevOps tools signing in with OIDC
    "corpus58": 7,  # round twenty-one: JavaScript/PHP/Ruby web sign-in stacks, small-business SaaS APIs
    "corpus59": 24,  # round twenty-one: data and analytics platforms, home automation and device clouds
    "corpus60": 19,  # round twenty-one: Go, Rust and Elixir OAuth clients, open banking and healthcare APIs
    "corpus61": 39,  # round twenty-one: CMS and e-commerce plugins, developer-platform CLIs
    "corpus62": 25,  # round twenty-one: Power Platform and Azure integration services, creator and media APIs
    "corpus63": 26,  # round twenty-one: education and learning platforms, game platforms and launchers
    "corpus64": 11,  # round twenty-one: messaging and telephony APIs, HR, payroll and e-signature APIs
    "corpus65": 21,  # round twenty-one: fitness and health-data APIs, travel, maps and shipping APIs
    "corpus66": 27,  # round twenty-one: fintech and brokerage APIs, OAuth 1.0a APIs
    "corpus67": 27,  # round twenty-one: developer portals and internal platforms, cloud AI and ML platforms
    "corpus68": 12,  # round twenty-one: desktop and command-line tools, non-English developer Q&A
    "corpus69": 19,  # round twenty-two: Rust, Go and Elixir client libraries; Ruby and PHP OAuth ecosystems
    "corpus70": 14,  # round twenty-two: Java and Kotlin clients and resource servers; Python clients
    "corpus71": 15,  # round twenty-two: self-hosted applications' SSO; SaaS work apps' APIs
    "corpus72": 15,  # round twenty-two: API gateways and meshes; native mobile sign-in
    "corpus73": 20,  # round twenty-two: non-English developer Q&A; game, console and creator platforms
    "corpus74": 16,  # round twenty-two: regulated and public-sector OAuth; AI agents and MCP
    "corpus75": 20,  # round twenty-two: mail and calendar clients over XOAUTH2; developer CLIs and desktop tools
    "corpus76": 16,  # round twenty-three: CI/CD and cloud workload identity federation; DevOps tools' sign-in
    "corpus77": 15,  # round twenty-three: low-code and automation tools holding OAuth connections; data tools
    "corpus78": 16,  # round twenty-three: browser extensions, desktop and editor apps; games and consoles
    "corpus79": 23,  # round twenty-three: advertising, marketplace and commerce APIs and their client libraries
    "corpus80": 14,  # round twenty-three: home automation and IoT integrations
    "corpus81": 16,  # round twenty-three: accounting, ERP, CRM and payroll APIs and their SDKs
    "corpus82": 15,  # round twenty-three: scripts and notebooks calling APIs with OAuth
    "corpus83": 14,  # round twenty-three: video conferencing, telephony and scheduling integrations
    "corpus84": 12,  # round twenty-three: content management and commerce platforms signing in with OAuth/OIDC
    "corpus85": 21,  # round twenty-three: automated testing, RPA and headless sign-in
    "corpus86": 13,  # round twenty-three: on-premises and enterprise identity providers (AD FS, Shibboleth, ...)
    "corpus87": 16,  # round twenty-three: enterprise platforms (ServiceNow, SAP BTP/XSUAA, Oracle IDCS, middleware)
    "corpus88": 21,  # round twenty-four: Google APIs from client libraries and tools
    "corpus89": 14,  # round twenty-four: Microsoft Entra, MSAL, Graph and Power Platform
    "corpus90": 20,  # round twenty-four: business SaaS APIs (Salesforce, HubSpot, Xero, QuickBooks, Zoom, Slack, ...)
    "corpus91": 17,  # round twenty-four: identity providers and their relying-party libraries
    "corpus92": 11,  # round twenty-four: consumer and social APIs (GitHub, Discord, X, LinkedIn, Meta, ...)
    "corpus93": 21,  # round twenty-four: Q&A and providers' error tables across twenty providers
    "corpus94": 12,  # round twenty-four: Q&A pages on mainstream providers
    "corpus95": 19,  # round twenty-four: relying-party sign-in libraries with mainstream providers
    "corpus96": 20,  # round twenty-four: mobile and desktop apps (AppAuth, Google Sign-In, MSAL, Firebase)
    "corpus97": 17,  # round twenty-four: CLIs and DevOps tools that hold OAuth tokens
    "corpus98": 19,  # round twenty-four: enterprise SSO and admin-policy denials
    "corpus99": 22,  # round twenty-four: vendor community forums and support knowledge bases
    "corpus100": 19,  # round twenty-five: plain-text errors from OAuth client SDKs on mainstream providers
    "corpus101": 20,  # round twenty-five: resource servers and gateways validating tokens; JWT-assertion grants
    "corpus102": 17,  # round twenty-five: org and admin policy denials; OIDC interaction errors
    "corpus103": 12,  # round twenty-five: client-authentication method mismatches; redirect problems shown as pages
    "corpus104": 25,  # round twenty-five: integration and automation platforms (n8n, Home Assistant, Airbyte)
    "corpus105": 15,  # round twenty-five: email and calendar over OAuth2 (XOAUTH2, Gmail API, Graph mail, EWS)
    "corpus106": 16,  # round twenty-five: data and BI platforms (Snowflake, Databricks, BigQuery, Tableau, Power BI)
    "corpus107": 18,  # round twenty-five: AI tools and developer platforms (MCP, connectors, editors)
    "corpus108": 20,  # round twenty-five: official provider SDKs' issue threads
    "corpus109": 10,  # round twenty-five: Q&A on token endpoint errors across providers
    "corpus110": 12,  # round twenty-five: provider developer forums and Q&A hubs
    "corpus111": 24,  # round twenty-five: 401 and 403 answers of mainstream REST APIs
    "corpus112": 13,  # round twenty-five: sign-in in web frameworks against mainstream IdPs
    "corpus113": 15,  # round twenty-five: device, native and CLI flows (RFC 8628, PKCE, loopback)
    "corpus114": 19,  # round twenty-five: Google only, any ecosystem
    "corpus115": 20,  # round twenty-five: Microsoft only (Entra, MSAL, Graph, Azure SDK identity)
    "corpus116": 17,  # round twenty-five: business SaaS (Salesforce, Xero, DocuSign, QuickBooks, Zoho, ...)
    "corpus117": 13,  # round twenty-five: identity providers as servers (Auth0, Cognito, Okta, Keycloak, Ping)
    "corpus118": 12,  # round twenty-five: developer platforms (GitHub, GitLab, Slack, Discord, Atlassian)
    "corpus119": 16,  # round twenty-five: consumer platforms (Meta, Strava, X, Apple, Spotify, Twitch, ...)
    "corpus120": 16,  # round twenty-five: older Q&A and server libraries (2012-2019)
    "corpus121": 20,  # round twenty-five: non-English sources (WeChat, Kakao, VK, Yandex, Google, Entra)
    "corpus122": 12,  # round twenty-five: open-source apps signing users in (Nextcloud, Moodle, Jenkins)
    "corpus123": 13,  # round twenty-five: workload and CI federation (GitHub Actions, IRSA, GCP WIF, Vault JWT)
    "corpus124": 15,  # round twenty-five: refresh tokens in long-running integrations
    "corpus125": 16,  # round twenty-five: browser and SPA auth libraries (MSAL.js, oidc-client, Auth0 SPA)
    "corpus126": 17,  # round twenty-five: Python and Go OAuth client code
    "corpus127": 14,  # round twenty-five: Java, .NET, PHP and Ruby OAuth code
    "corpus128": 18,  # round twenty-six: API 401/403s: scopes, permissions, plans (GitHub, Discord, Graph, Spotify)
    "corpus129": 20,  # round twenty-six: command-line tools signing in with OAuth (az, gcloud, gh, aws sso, heroku)
    "corpus130": 8,  # round twenty-six: native and mobile sign-in (Google Sign-In, AppAuth, Apple, Facebook SDK)
    "corpus131": 14,  # round twenty-six: self-hosted identity servers, server side (Keycloak, Authelia, Hydra)
    "corpus132": 19,  # round twenty-six: mail and calendar over OAuth (IMAP/SMTP XOAUTH2, EWS, CalDAV)
    "corpus133": 19,  # round twenty-six: integration and low-code platforms (n8n, Airbyte, Home Assistant, Zapier)
    "corpus134": 17,  # round twenty-six: payments, commerce and accounting APIs (Stripe, Square, Xero, Shopify, eBay)
    "corpus135": 12,  # round twenty-six: developer sources not in English (Kakao, WeChat, Bitrix24, Sensedia)
    "corpus136": 13,  # round twenty-six: enterprise SaaS APIs (DocuSign, Atlassian, Zoom, monday.com, Asana)
    "corpus137": 14,  # round twenty-six: cloud-native sign-in (oauth2-proxy, Argo CD, kube-apiserver OIDC, Dex)
    "corpus138": 18,  # round twenty-six: API gateways validating tokens (Kong, API Gateway, Tyk, Envoy, Apigee)
    "corpus139": 14,  # round twenty-six: framework resource servers (ASP.NET Core, Laravel, Django, express, Go)
    "corpus140": 17,  # round twenty-six: consumer and media platforms (Twitch, Spotify, Discord, Snapchat, Pinterest)
    "corpus141": 17,  # round twenty-six: health, education and government (SMART on FHIR, Canvas, GOV.UK One Login)
    "corpus142": 14,  # round twenty-six: developer tools (VS Code, npm and PyPI trusted publishing, registries)
    "corpus143": 15,  # round twenty-six: hosted identity platforms from the client side (Auth0, Okta, Kinde, Clerk)
    "corpus144": 17,  # round twenty-six: Microsoft identity libraries (MSAL, Azure.Identity, managed identity)
    "corpus145": 21,  # round twenty-six: Google Cloud authentication (ADC, impersonation, workload federation)
    "corpus146": 16,  # round twenty-six: AWS identity (Cognito user and identity pools, Amplify, STS web identity)
    "corpus147": 15,  # round twenty-six: Okta and Auth0 SDKs on backends and mobile
    "corpus148": 19,  # round twenty-six: Keycloak from the client side (keycloak-js, adapters, token exchange)
    "corpus149": 11,  # round twenty-six: Python OAuth client libraries (requests-oauthlib, Authlib, allauth, MSAL)
    "corpus150": 10,  # round twenty-six: JavaScript and Node OAuth clients (Passport, Auth.js, openid-client)
    "corpus151": 17,  # round twenty-six: Q&A and error-reference pages on token endpoint errors (2020-2026)
    "corpus152": 25,  # round twenty-seven: device authorization grant and polling clients
    "corpus153": 18,  # round twenty-seven: PKCE, state and nonce errors, token revocation and introspection
    "corpus154": 17,  # round twenty-seven: smart home, IoT, wearables and vehicles (Nest, Tuya, Tesla, Alexa)
    "corpus155": 15,  # round twenty-seven: machine-to-machine tokens (Entra app-only, Salesforce JWT bearer, SAP)
    "corpus156": 23,  # round twenty-seven: data and analytics tools (Snowflake, Power BI, Tableau, dbt, Looker)
    "corpus157": 19,  # round twenty-seven: marketing, ads and CRM APIs (Google Ads, Meta, LinkedIn, TikTok, X Ads)
    "corpus158": 17,  # round twenty-seven: OAuth clients in Rust, Swift, Kotlin, Dart/Flutter, Elixir and C++
    "corpus159": 9,  # round twenty-seven: authorization-server projects' issue threads (Spring AS, Zitadel, DOT)
    "corpus160": 21,  # round twenty-seven: Salesforce in depth (connected apps, JWT bearer, CLI, jsforce)
    "corpus161": 15,  # round twenty-seven: Microsoft PowerShell and admin tooling (Graph, Az, PnP, Exchange Online)
    "corpus162": 17,  # round twenty-seven: GitLab and Atlassian developer auth (job tokens, OAuth apps, Bitbucket)
    "corpus163": 23,  # round twenty-seven: chat platforms' app auth (Slack, Teams bots, Discord, Zoom, Webex)
    "corpus164": 21,  # round twenty-seven: storage and productivity APIs (Drive, OneDrive, Dropbox, Notion, Box)
    "corpus165": 18,  # round twenty-seven: identity brokering and federation (Keycloak brokers, Auth0, Okta, B2C)
    "corpus166": 24,  # round twenty-seven: OAuth for AI tools and MCP servers (DCR, PKCE, connectors)
    "corpus167": 14,  # round twenty-seven: CMS, e-commerce and ERP plugins (WordPress, Drupal, Magento, Odoo)
    "corpus168": 15,  # round twenty-seven: Apple's token APIs (Sign in with Apple, App Store Connect JWTs)
    "corpus169": 15,  # round twenty-seven: open banking and financial data APIs (Plaid, GoCardless, Akoya)
    "corpus170": 11,  # round twenty-seven: healthcare APIs (NHS API platform, athenahealth, Blue Button)
    "corpus171": 20,  # round twenty-seven: gaming and streaming platforms (Xbox Live, Epic, Twitch, YouTube)
    "corpus172": 18,  # round twenty-seven: hybrid and cross-platform mobile apps (React Native, MAUI, Flutter)
    "corpus173": 13,  # round twenty-seven: infrastructure-as-code providers (Terraform, Pulumi, Ansible)
    "corpus174": 18,  # round twenty-seven: scheduling, calendar and meeting integrations (Graph, Zoom)
    "corpus175": 19,  # round twenty-seven: national digital identity (GOV.UK, Login.gov, Singpass, TARA)
    "corpus176": 21,  # round twenty-eight: design and creative APIs (Adobe IMS, Autodesk, Figma, Miro, Canva)
    "corpus177": 17,  # round twenty-eight: work-management APIs (Trello, Harvest, Todoist, Airtable, ClickUp)
    "corpus178": 19,  # round twenty-eight: communications APIs (RingCentral, Webex, Twilio, Genesys Cloud, Front)
    "corpus179": 21,  # round twenty-eight: databases and brokers on OAuth tokens (Azure SQL, Kafka, Trino, Snowflake)
    "corpus180": 18,  # round twenty-eight: remote access and zero-trust gateways (Teleport, Cloudflare Access, NetBird)
    "corpus181": 12,  # round twenty-eight: self-hosted homelab apps on OIDC (Authentik, Authelia, Pocket ID, Zitadel)
    "corpus182": 16,  # round twenty-eight: ERP platforms (SAP BTP, Dynamics 365, Oracle Cloud, Odoo)
    "corpus183": 20,  # round twenty-eight: tax, accounting and payroll APIs (HMRC MTD, Exact Online, Fortnox, NAV, ADP)
    "corpus184": 13,  # round twenty-eight: marketplace and shipping APIs (Allegro, UPS, USPS, FedEx, Amadeus, Walmart)
    "corpus185": 16,  # round twenty-eight: education technology and LTI (Canvas, Moodle, Brightspace, Clever)
    "corpus186": 23,  # round twenty-eight: desktop apps and loopback or custom-scheme redirects (Google, Entra, MSAL)
    "corpus187": 17,  # round twenty-eight: fitness and wellness APIs (Strava, Fitbit, Garmin, Withings, WHOOP)
    "corpus188": 25,  # round twenty-eight: package and container registries (crates.io, PyPI, npm, ECR, ghcr)
    "corpus189": 15,  # round twenty-eight: helpdesk APIs (Zendesk, Freshdesk, Intercom, Zoho, Help Scout)
    "corpus190": 22,  # round twenty-eight: trading, crypto and business-banking APIs (Coinbase, Schwab, IBKR, Kraken)
    "corpus191": 18,  # round twenty-eight: web sign-in with Google Identity Services and Firebase Authentication
    "corpus192": 18,  # round twenty-eight: the fediverse and Bluesky (Mastodon, AT Protocol OAuth, Matrix, PeerTube)
    "corpus193": 15,  # round twenty-eight: Java application servers (Open Liberty CWWKS codes, Quarkus, Tomcat, Payara)
    "corpus194": 16,  # round twenty-eight: .NET authorization servers (IdentityServer, OpenIddict, ABP, Orchard Core)
    "corpus195": 8,  # round twenty-eight: enterprise SSO products (PingFederate, Layer7, SiteMinder, IBM, Shibboleth)
    "corpus196": 23,  # round twenty-eight: Android account kits (Credential Manager, Login with Amazon, Huawei, Xiaomi)
    "corpus197": 26,  # round twenty-eight: Chinese platforms (WeChat, Feishu, DingTalk, Alipay, Weibo, Douyin)
    "corpus198": 21,  # round twenty-eight: Japanese, Korean and Vietnamese platforms (Naver, LINE, Yahoo! JAPAN, Kakao)
    "corpus199": 15,  # round twenty-eight: email marketing and DevOps SaaS (Sentry, Datadog, PagerDuty, Klaviyo)
    "corpus200": 23,  # round twenty-eight: Home Assistant add-ons and custom integrations' docs and strings (fetched)
    "corpus201": 20,  # round twenty-eight: rclone's backend docs, code and commit messages (fetched)
    "corpus202": 19,  # round twenty-eight: auth proxies' docs and sources (Pomerium, Authelia, Vouch; fetched)
    "corpus203": 21,  # round twenty-eight: client SDKs' error definitions and docs (MSAL, Auth0, Okta, Google; fetched)
    "corpus204": 18,  # round twenty-nine: Google APIs through their client libraries (google-auth, gspread)
    "corpus205": 22,  # round twenty-nine: Entra ID and Microsoft Graph in MSAL, Graph SDK and tool threads
    "corpus206": 15,  # round twenty-nine: CRM, accounting and e-signature APIs (Salesforce, Xero, DocuSign)
    "corpus207": 17,  # round twenty-nine: social and content platforms' APIs (Meta, LinkedIn, X, Twitch)
    "corpus208": 15,  # round twenty-nine: self-hosted identity servers and the apps that log in through them
    "corpus209": 19,  # round twenty-nine: web framework auth libraries (Auth.js, Passport, OmniAuth)
    "corpus210": 17,  # round twenty-nine: data connectors and automation tools (Airbyte, Singer, n8n)
    "corpus211": 19,  # round twenty-nine: command-line tools' logins (gh, gcloud, az, aws sso, vercel, heroku, vault)
    "corpus212": 23,  # round twenty-nine: Q&A on mainstream providers' token errors (Stack Overflow, fetched docs)
    "corpus213": 16,  # round twenty-nine: mobile OAuth SDKs (AppAuth, Google Sign-In, Expo, MSAL, Sign in with Apple)
    "corpus214": 23,  # round twenty-nine: hosted identity platforms (Okta, Auth0, Cognito, Clerk, Supabase, Firebase)
    "corpus215": 16,  # round twenty-nine: Git hosting OAuth apps and GitHub Apps (JWTs, installations, CI integrations)
    "corpus216": 21,  # round twenty-nine: e-mail and calendar over OAuth (IMAP/SMTP XOAUTH2, mail and calendar tools)
    "corpus217": 20,  # round twenty-nine: payments and commerce APIs (Stripe, Shopify, Etsy, PayPal, eBay, Square)
    "corpus218": 24,  # round twenty-nine: server-side Java, .NET and Go OAuth libraries (JwtBearer, go-oidc)
    "corpus219": 21,  # round twenty-nine: productivity and media APIs (Spotify, Dropbox, Notion, Slack, Box, Asana)
    "corpus220": 23,  # round twenty-nine: Microsoft docs and libraries' error texts (Exchange, ARM, MSAL.NET; fetched)
    "corpus221": 19,  # round twenty-nine: GitHub's archived developer docs, API recordings and SDK fixtures (fetched)
    "corpus222": 15,  # round twenty-nine: Supabase and Firebase auth servers, SDKs and CLIs (fetched)
    "corpus223": 11,  # round twenty-nine: home-automation libraries behind OAuth logins (Overkiz, Renault; fetched)
    "corpus224": 13,  # round twenty-nine: self-hosted apps' SSO docs and sources (Mattermost, Outline; fetched)
    "corpus225": 25,  # round twenty-nine: identity server docs and resources (Ory, Duende, OpenIddict; fetched)
    "corpus226": 18,  # round twenty-nine: client SDKs' error definitions (MSAL Python, okta-auth-js, Amplify; fetched)
    "corpus227": 15,  # round twenty-nine: command-line tools' auth errors (gh, aws-cli, kubelogin; fetched)
    "corpus228": 18,  # round twenty-nine: Python OAuth client libraries' sources and tests (oauthlib; fetched)
    "corpus229": 21,  # round twenty-nine: JavaScript OAuth/OIDC client libraries and passport strategies (fetched)
    "corpus230": 25,  # round twenty-nine: Go OAuth/OIDC libraries and Dex's connectors (fetched)
    "corpus231": 22,  # round twenty-nine: Java and Kotlin OAuth libraries (AppAuth-Android, java-jwt; fetched)
    "corpus232": 7,  # round twenty-nine: .NET token validation and DPoP libraries (IdentityModel, Duende; fetched)
    "corpus233": 15,  # round twenty-nine: PHP and Ruby OAuth clients and Doorkeeper (fetched)
    "corpus234": 27,  # round twenty-nine: native-app OAuth SDKs (AppAuth-iOS, Auth0.swift, GoogleSignIn-iOS; fetched)
    "corpus235": 13,  # round twenty-nine: API gateways validating tokens (APISIX, Kong, Envoy; fetched)
    "corpus236": 18,  # round thirty: Q&A pages (Stack Overflow and similar) about token-endpoint errors fro
    "corpus237": 15,  # round thirty: self-hosted applications' SSO/OAuth login failures in their issue trac
    "corpus238": 17,  # round thirty: mobile and desktop app OAuth issue threads
    "corpus239": 16,  # round thirty: data/ETL and BI connectors' OAuth refresh and authorisation failures
    "corpus240": 18,  # round thirty: mail and calendar over OAuth (XOAUTH2 IMAP/SMTP, Microsoft 365 and Gma
    "corpus241": 13,  # round thirty: CI/CD and cloud workload identity
    "corpus242": 23,  # round thirty: chat and collaboration platforms' OAuth and API-auth errors
    "corpus243": 10,  # round thirty: SaaS APIs' OAuth errors in client-library issue threads
    "corpus244": 18,  # round thirty: Google APIs in client libraries and Q&A
    "corpus245": 19,  # round thirty: enterprise integrations
    "corpus246": 20,  # round thirty: payments and fintech APIs' OAuth and API-key errors
    "corpus247": 17,  # round thirty: social login in web frameworks
    "corpus248": 22,  # round thirty: API gateways and proxies doing OAuth/OIDC/JWT checks
    "corpus249": 19,  # round thirty: developer tools and CLI logins
    "corpus250": 24,  # round thirty: healthcare, government, education and banking OIDC
    "corpus251": 25,  # round thirty: media, gaming and social APIs
    "corpus252": 16,  # round thirty: Okta, Auth0, Ping Identity and OneLogin SDKs and integrations
    "corpus253": 17,  # round thirty: Java resource servers and Keycloak clients
    "corpus254": 13,  # round thirty: Microsoft identity libraries
    "corpus255": 14,  # round thirty: backend-as-a-service auth
    "corpus256": 15,  # round thirty: Python web and API OAuth
    "corpus257": 20,  # round thirty: Go, Rust and other compiled-language OAuth
    "corpus258": 22,  # round thirty: home automation and IoT cloud integrations over OAuth
    "corpus259": 21,  # round thirty: AI and agent tool integrations over OAuth
    "corpus260": 7,  # round thirty-one: PHP OAuth in issue threads and Q&A
    "corpus261": 15,  # round thirty-one: .NET and Ruby OAuth
    "corpus262": 18,  # round thirty-one: Node.js server OAuth and JWT libraries
    "corpus263": 9,  # round thirty-one: self-hosted identity servers' errors as admins and client developers m
    "corpus264": 20,  # round thirty-one: cloud platform token errors
    "corpus265": 13,  # round thirty-one: e-commerce and marketing APIs
    "corpus266": 18,  # round thirty-one: accounting, HR and CRM APIs
    "corpus267": 16,  # round thirty-one: browser SPA, device and CLI flows
    "corpus268": 18,  # round thirty-one: Atlassian, Jira and Confluence integrations and apps (OAuth 2.0 3LO, C
    "corpus269": 19,  # round thirty-one: version control and DevOps platforms' OAuth and token errors
    "corpus270": 20,  # round thirty-one: Kubernetes and cloud-native authentication
    "corpus271": 13,  # round thirty-one: Apple, Google and Facebook sign-in on mobile and web
    "corpus272": 12,  # round thirty-one: Java and Kotlin OAuth clients outside Spring
    "corpus273": 13,  # round thirty-one: chat bots and messaging platforms' OAuth and token errors beyond Slack
    "corpus274": 12,  # round thirty-one: scientific, academic and research platforms' OAuth/OIDC
    "corpus275": 20,  # round thirty-one: email service and marketing automation APIs and SMTP relays over OAuth
}


def _cases(name: str) -> list[dict[str, Any]]:
    """A floor's cases by its name: "corpusN" is errors_corpus_devN.yaml, "dev" errors_dev.yaml."""
    return _load("errors_dev") if name == "dev" else _load("errors_corpus_dev" + name.removeprefix("corpus"))



# (file's cases, provider given?) -> (class floor, decision floor)
# Round twenty-six reads a missing permission on an API as RFC 6750's insufficient_scope (the labels' convention
# since round twenty-four); the floors of older corpora that labelled it access_denied were lowered to match.
# Round thirty-five gives a failure text nothing reads the base rate's lean (fix_config) as its decision instead of
# none: +43 development decisions and +22 held-out ones net (+42 without --provider); the floors marked "35" were
# lowered by the cases labelled none, reauth or retry that the lean now misses.
FLOORS = {
    ("corpus", True): (0.96, 0.92),
    ("corpus", False): (0.96, 0.91),
    # 0.748 / 0.748 before its rules were written (measured unseen). Decision 0.904 -> 0.896 in round three by
    # convention: a personal access token not yet authorised for SAML SSO is reauth (issue #16; dev3 labels two
    # such cases reauth, dev2 one fix_config) - docs/error-rules.md lists it as left on purpose. Decision 0.887 ->
    # 0.878 in round twenty-four: Xero's 403 AuthenticationUnsuccessful is fix_config (the tenant header), as four of
    # the five development cases that carry it are labelled; dev2's docs case is the one labelled reauth.
    ("corpus2", True): (0.96, 0.87),
    ("corpus2", False): (0.95, 0.87),
    ("corpus3", True): (0.87, 0.87),  # 0.767 / 0.756 measured unseen, before any rule was written from it
    ("corpus3", False): (0.86, 0.87),
    # 0.844 / 0.867 measured unseen, before any rule was written from it. Decision 0.967 -> 0.956 with the dex profile:
    # dex-userinfo-invalid-bearer-1 is a 401, which Dex sends only for a missing or non-Bearer Authorization header
    # (server/userinfo/userinfo.go L32-L37 at dexidp/dex@ab64ed7; a token that fails verification is 403), so the
    # profile answers access_token_missing / fix_config where the label reads an expired token (retry).
    # 0.956 -> 0.944 in round twenty-one: "Invalid or expired authorization code." now reads as a refused code
    # (reauth); gitlab-presentator-invalid-code-domain-filter-1's label is a sign-in domain filter that GitLab's
    # text does not name (fix_config).
    ("corpus4", True): (0.90, 0.94),
    ("corpus4", False): (0.87, 0.93),
    ("corpus5", True): (0.84, 0.78),  # 0.723 / 0.660 measured unseen, before any rule was written from it
    ("corpus5", False): (0.80, 0.76),  # round 28: a bare 403 is RFC 6750's insufficient_scope
    ("corpus6", True): (0.85, 0.82),  # 0.714 / 0.651 measured unseen, before any rule was written from it
    ("corpus6", False): (0.85, 0.80),
    ("corpus7", True): (0.83, 0.83),  # 0.760 / 0.760 measured unseen, before any rule was written from it
    ("corpus7", False): (0.83, 0.81),
    ("corpus8", True): (0.79, 0.81),  # 0.746 / 0.754 measured unseen, before any rule was written from it
    ("corpus8", False): (0.79, 0.79),
    ("corpus9", True): (0.58, 0.66),  # 0.542 / 0.583 measured unseen, before any rule was written from it
    ("corpus9", False): (0.57, 0.64),
    ("corpus10", True): (0.83, 0.85),  # 0.758 / 0.768 measured unseen, before any rule was written from it
    ("corpus10", False): (0.80, 0.82),
    ("corpus11", True): (0.72, 0.80),  # 0.703 / 0.722 measured unseen, before any rule was written from it
    ("corpus11", False): (0.70, 0.77),
    ("corpus12", True): (0.78, 0.91),  # 0.786 / 0.893 measured unseen, before the round's rules
    ("corpus12", False): (0.75, 0.85),
    ("corpus14", True): (0.84, 0.78),  # 0.778 / 0.778 measured unseen, before any rule was written from it
    ("corpus14", False): (0.82, 0.78),
    ("corpus16", True): (0.80, 0.85),  # 0.732 / 0.793 measured unseen, before any rule was written from it
    ("corpus16", False): (0.75, 0.82),
    # 0.722 / 0.622 measured unseen, before any rule was written from it. Classes 0.844 -> 0.822 by convention: a
    # vague authorization failure is RFC 6749's invalid_request, not unknown (issue #16 keeps unknown for text with no
    # OAuth meaning; 14 of the 56 such development texts were labelled invalid_request, 4 unknown - two of those 4
    # are django-allauth's generic failure pages here).
    ("corpus18", True): (0.82, 0.67),
    ("corpus18", False): (0.80, 0.70),
    ("corpus20", True): (0.82, 0.78),  # 0.784 / 0.757 measured unseen, before any rule was written from it
    ("corpus20", False): (0.81, 0.78),
    ("corpus21", True): (0.77, 0.75),  # 0.735 / 0.691 measured unseen, before any rule was written from it
    ("corpus21", False): (0.76, 0.75),
    ("corpus22", True): (0.78, 0.74),  # 0.691 / 0.673 measured unseen, before any rule was written from it
    ("corpus22", False): (0.78, 0.76),
    ("corpus23", True): (0.86, 0.89),  # 0.797 / 0.851 measured unseen, before any rule was written from it
    ("corpus23", False): (0.85, 0.87),
    # 0.889 / 0.926 measured unseen, before any rule was written from it. 0.926 / 0.926 -> 0.907 / 0.907 by convention:
    # a provider's answer that no rule reads is decided like a vague failure (fix_config, low) instead of `none`
    # (baseline.UNREAD_PROVIDER_ANSWER_SUMMARY; +4 decisions over the twenty halves), and this half's one such text
    # labelled `none` is MSAL's internal error -50000.
    ("corpus24", True): (0.90, 0.90),
    ("corpus24", False): (0.90, 0.88),
    ("corpus25", True): (0.75, 0.75),  # 0.609 / 0.710 measured unseen, before any rule was written from it
    ("corpus25", False): (0.76, 0.75),
    # 0.750 / 0.806 measured unseen, before any rule was written from it. A rule that read Auth0's access_denied with
    # the tenant's own reason as an Action's denial fixed two cases here and lost two on the held-out halves: reverted.
    ("corpus26", True): (0.75, 0.81),
    ("corpus26", False): (0.72, 0.80),
    ("corpus27", True): (0.75, 0.70),  # 0.633 / 0.633 measured unseen, before any rule was written from it
    ("corpus27", False): (0.73, 0.68),
    ("corpus28", True): (0.70, 0.85),  # 0.657 / 0.806 measured unseen, before any rule was written from it
    ("corpus28", False): (0.67, 0.82),
    ("corpus29", True): (0.66, 0.71),  # 0.621 / 0.697 measured unseen, before any rule was written from it
    ("corpus29", False): (0.62, 0.66),
    ("corpus30", True): (0.56, 0.74),  # 0.516 / 0.726 measured unseen, before any rule was written from it; 35: lean
    ("corpus30", False): (0.50, 0.70),
    ("corpus31", True): (0.66, 0.75),  # 0.606 / 0.712 measured unseen, before any rule was written from it
    ("corpus31", False): (0.59, 0.72),
    ("corpus32", True): (0.62, 0.68),  # 0.522 / 0.612 measured unseen
    ("corpus32", False): (0.56, 0.67),
    ("corpus33", True): (0.62, 0.74),  # 0.518 / 0.675 measured unseen
    ("corpus33", False): (0.62, 0.73),
    ("corpus34", True): (0.74, 0.80),  # 0.627 / 0.675 measured unseen
    ("corpus34", False): (0.74, 0.80),
    ("corpus35", True): (0.63, 0.70),  # 0.636 / 0.709 measured unseen
    ("corpus35", False): (0.61, 0.70),
    ("corpus36", True): (0.67, 0.72),  # 0.676 / 0.691 measured unseen
    ("corpus36", False): (0.66, 0.69),
    ("corpus37", True): (0.68, 0.82),  # 0.655 / 0.828 measured unseen
    ("corpus37", False): (0.68, 0.81),
    ("corpus38", True): (0.58, 0.71),  # 0.534 / 0.671 measured unseen
    ("corpus38", False): (0.57, 0.67),
    # 0.622 / 0.743 measured unseen. Class 0.689 -> 0.675 in round twenty-nine: an unreadable PEM key (OpenSSL's "no
    # start line") is the client's credential, invalid_client (labels 2 of 3); corpus39 labels it invalid_request.
    ("corpus39", True): (0.67, 0.82),
    ("corpus39", False): (0.68, 0.81),  # 35: an unread text labelled none now leans fix_config
    ("corpus40", True): (0.71, 0.75),  # 0.636 / 0.697 measured unseen
    ("corpus40", False): (0.68, 0.72),
    ("corpus41", True): (0.84, 0.84),  # 0.696 / 0.783 measured unseen
    ("corpus41", False): (0.80, 0.80),
    ("corpus42", True): (0.80, 0.90),  # 0.756 / 0.878 measured unseen
    ("corpus42", False): (0.68, 0.78),
    ("corpus43", True): (0.75, 0.85),  # 0.707 / 0.854 measured unseen; 35: lean on an unread text labelled none
    ("corpus43", False): (0.75, 0.82),
    ("corpus44", True): (0.64, 0.80),  # 0.524 / 0.714 measured unseen
    ("corpus44", False): (0.64, 0.78),
    # Class 0.68 -> 0.66 in round twenty-seven: Google Ads' developer-token refusals read as unauthorized_client
    # (the labels of corpora nine and 157 say so; this corpus's one says access_denied).
    ("corpus45", True): (0.66, 0.77),  # 0.667 / 0.688 measured unseen
    ("corpus45", False): (0.66, 0.72),
    ("corpus46", True): (0.84, 0.96),  # 0.812 / 0.938 measured unseen
    ("corpus46", False): (0.84, 0.96),
    ("corpus47", True): (0.80, 0.65),  # 0.723 / 0.596 measured unseen
    ("corpus47", False): (0.80, 0.65),
    ("corpus48", True): (0.70, 0.78),  # 0.683 / 0.756 measured unseen
    ("corpus48", False): (0.60, 0.75),
    ("corpus49", True): (0.64, 0.84),  # 0.467 / 0.778 measured unseen
    ("corpus49", False): (0.64, 0.84),
    ("corpus50", True): (0.79, 0.93),  # 0.792 / 0.938 measured unseen
    ("corpus50", False): (0.79, 0.97),
    ("corpus51", True): (0.86, 0.86),  # 0.842 / 0.816 measured unseen
    ("corpus51", False): (0.78, 0.81),
    ("corpus52", True): (0.61, 0.81),  # 0.614 / 0.818 measured unseen
    ("corpus52", False): (0.61, 0.79),
    ("corpus53", True): (0.77, 0.81),  # 0.771 / 0.771 measured unseen; 35: lean on an unread text labelled none
    # without --provider 0.833 -> 0.812 in round twenty-four: Dropbox's error_summary now detects Dropbox, whose rule
    # reads expired_access_token as fix_config (three development cases); dropbox-expired-access-token-flutter-5
    # says retry
    ("corpus53", False): (0.75, 0.81),
    ("corpus54", True): (0.81, 0.69),  # 0.791 / 0.605 measured unseen
    ("corpus54", False): (0.79, 0.72),
    ("corpus55", True): (0.51, 0.78),  # 0.486 / 0.730 measured unseen
    ("corpus55", False): (0.51, 0.78),
    ("corpus56", True): (0.55, 0.66),  # 0.556 / 0.667 measured unseen
    ("corpus56", False): (0.55, 0.66),
    ("corpus57", True): (0.87, 0.87),  # 0.750 / 0.750 measured unseen; 403: insufficient_scope
    ("corpus57", False): (0.87, 0.87),  # round 28: a bare 403 is RFC 6750's insufficient_scope
    ("corpus58", True): (0.85, 1.00),  # 0.571 / 1.000 measured unseen
    ("corpus58", False): (0.85, 1.00),
    ("corpus59", True): (0.58, 0.50),  # 0.542 / 0.458 measured unseen
    ("corpus59", False): (0.58, 0.50),
    ("corpus60", True): (0.68, 0.94),  # 0.684 / 0.947 measured unseen
    ("corpus60", False): (0.68, 0.94),
    ("corpus61", True): (0.51, 0.71),  # 0.436 / 0.692 measured unseen
    ("corpus61", False): (0.51, 0.69),
    ("corpus62", True): (0.56, 0.64),  # 0.560 / 0.640 measured unseen
    ("corpus62", False): (0.52, 0.56),
    ("corpus63", True): (0.53, 0.65),  # 0.538 / 0.654 measured unseen
    ("corpus63", False): (0.57, 0.65),
    ("corpus64", True): (0.45, 0.63),  # 0.455 / 0.636 measured unseen
    ("corpus64", False): (0.45, 0.63),
    ("corpus65", True): (0.66, 0.66),  # 0.667 / 0.667 measured unseen
    ("corpus65", False): (0.66, 0.66),
    ("corpus66", True): (0.55, 0.70),  # 0.481 / 0.704 measured unseen
    ("corpus66", False): (0.55, 0.70),
    ("corpus67", True): (0.59, 0.77),  # 0.630 / 0.778 measured unseen
    ("corpus67", False): (0.59, 0.77),
    ("corpus68", True): (0.50, 0.66),  # 0.500 / 0.667 measured unseen
    ("corpus68", False): (0.50, 0.50),
    ("corpus69", True): (0.84, 0.89),  # 0.684 / 0.842 measured unseen; 35: lean on an unread text labelled none
    ("corpus69", False): (0.84, 0.89),  # 35: an unread text labelled none now leans fix_config
    ("corpus70", True): (0.78, 1.00),  # 0.643 / 1.000 measured unseen
    ("corpus70", False): (0.78, 1.00),
    ("corpus71", True): (0.66, 0.53),  # 0.533 / 0.533 measured unseen
    ("corpus71", False): (0.66, 0.53),
    ("corpus72", True): (0.53, 0.86),  # 0.533 / 0.867 measured unseen
    ("corpus72", False): (0.46, 0.80),
    ("corpus73", True): (0.65, 0.70),  # 0.600 / 0.650 measured unseen
    ("corpus73", False): (0.65, 0.70),
    ("corpus74", True): (0.62, 0.81),  # 0.562 / 0.750 measured unseen
    ("corpus74", False): (0.62, 0.81),
    ("corpus75", True): (0.45, 0.60),  # 0.450 / 0.650 measured unseen; 35: lean on an unread text labelled none
    ("corpus75", False): (0.45, 0.60),  # 35: an unread text labelled none now leans fix_config
    ("corpus76", True): (0.75, 1.00),  # 0.812 / 1.000 measured unseen
    ("corpus76", False): (0.75, 1.00),
    ("corpus77", True): (0.53, 0.60),  # 0.533 / 0.667 measured unseen; 35: lean on an unread text labelled none
    ("corpus77", False): (0.53, 0.60),  # 35: an unread text labelled none now leans fix_config
    ("corpus78", True): (0.43, 0.56),  # 0.438 / 0.562 measured unseen
    ("corpus78", False): (0.50, 0.62),
    ("corpus79", True): (0.47, 0.78),  # 0.565 / 0.783 measured unseen
    ("corpus79", False): (0.47, 0.73),
    ("corpus80", True): (0.57, 0.64),  # 0.500 / 0.571 measured unseen
    ("corpus80", False): (0.57, 0.64),
    ("corpus81", True): (0.43, 0.75),  # 0.312 / 0.688 measured unseen
    ("corpus81", False): (0.43, 0.68),
    ("corpus82", True): (0.73, 0.86),  # 0.733 / 0.867 measured unseen
    ("corpus82", False): (0.73, 0.80),
    ("corpus83", True): (0.85, 0.92),  # 0.857 / 0.929 measured unseen
    ("corpus83", False): (0.85, 0.92),
    ("corpus84", True): (0.50, 0.75),  # 0.583 / 0.750 measured unseen
    ("corpus84", False): (0.50, 0.75),
    ("corpus85", True): (0.71, 0.66),  # 0.714 / 0.667 measured unseen
    ("corpus85", False): (0.71, 0.66),
    ("corpus86", True): (0.61, 0.61),  # 0.615 / 0.615 measured unseen
    ("corpus86", False): (0.61, 0.61),
    ("corpus87", True): (0.56, 0.62),  # 0.562 / 0.625 measured unseen
    ("corpus87", False): (0.56, 0.62),
    ("corpus88", True): (0.95, 1.00),  # 0.952 / 0.952 measured unseen
    ("corpus88", False): (0.90, 0.95),
    ("corpus89", True): (0.78, 0.85),  # 0.786 / 0.857 measured unseen
    ("corpus89", False): (0.78, 0.85),
    ("corpus90", True): (0.75, 0.75),  # 0.700 / 0.700 measured unseen
    ("corpus90", False): (0.75, 0.75),
    ("corpus91", True): (0.76, 0.88),  # 0.765 / 0.882 measured unseen
    ("corpus91", False): (0.76, 0.82),
    ("corpus92", True): (0.81, 0.72),  # 0.818 / 0.727 measured unseen
    ("corpus92", False): (0.81, 0.63),
    ("corpus93", True): (0.76, 0.66),  # 0.714 / 0.619 measured unseen
    ("corpus93", False): (0.66, 0.57),
    ("corpus94", True): (0.91, 1.00),  # 0.917 / 1.000 measured unseen
    ("corpus94", False): (0.91, 1.00),
    ("corpus95", True): (0.68, 0.68),  # 0.632 / 0.684 measured unseen
    ("corpus95", False): (0.63, 0.73),
    ("corpus96", True): (0.80, 0.95),  # 0.800 / 0.950 measured unseen
    ("corpus96", False): (0.80, 0.95),
    ("corpus97", True): (0.64, 0.88),  # 0.647 / 0.882 measured unseen
    ("corpus97", False): (0.70, 0.88),
    ("corpus98", True): (0.73, 0.84),  # 0.789 / 0.842 measured unseen
    ("corpus98", False): (0.73, 0.78),
    ("corpus99", True): (0.77, 0.86),  # 0.636 / 0.773 measured unseen
    ("corpus99", False): (0.54, 0.72),
    # 0.737 / 0.842 measured unseen; one Boom-shaped 401 labelled fix_config now decides as an unexplained token
    ("corpus100", True): (0.84, 0.78),
    ("corpus100", False): (0.78, 0.78),
    ("corpus101", True): (0.95, 1.00),  # 0.900 / 1.000 measured unseen
    ("corpus101", False): (0.95, 1.00),
    ("corpus102", True): (0.82, 0.70),  # 0.706 / 0.647 measured unseen
    ("corpus102", False): (0.76, 0.64),
    ("corpus103", True): (0.91, 1.00),  # 0.750 / 1.000 measured unseen
    ("corpus103", False): (0.91, 1.00),
    ("corpus104", True): (0.76, 0.88),  # 0.680 / 0.880 measured unseen
    ("corpus104", False): (0.72, 0.84),
    ("corpus105", True): (0.73, 0.80),  # 0.600 / 0.800 measured unseen
    ("corpus105", False): (0.73, 0.80),
    ("corpus106", True): (0.81, 0.87),  # 0.688 / 0.875 measured unseen
    ("corpus106", False): (0.81, 0.87),
    ("corpus107", True): (0.88, 0.94),  # 0.778 / 0.889 measured unseen
    ("corpus107", False): (0.88, 0.94),
    ("corpus108", True): (0.70, 0.95),  # 0.700 / 0.950 measured unseen
    ("corpus108", False): (0.65, 0.95),
    ("corpus109", True): (0.90, 0.80),  # 0.900 / 0.800 measured unseen
    ("corpus109", False): (0.90, 0.90),
    ("corpus110", True): (1.00, 1.00),  # 1.000 / 1.000 measured unseen
    ("corpus110", False): (0.91, 1.00),  # round 28: a bare 403 is RFC 6750's insufficient_scope
    ("corpus111", True): (0.87, 0.87),  # 0.833 / 0.833 measured unseen
    ("corpus111", False): (0.70, 0.79),
    ("corpus112", True): (0.84, 0.53),  # 0.769 / 0.538 measured unseen
    ("corpus112", False): (0.84, 0.53),
    ("corpus113", True): (0.93, 0.73),  # 0.867 / 0.733 measured unseen
    ("corpus113", False): (0.86, 0.73),
    ("corpus114", True): (0.84, 0.94),  # 0.842 / 0.947 measured unseen
    ("corpus114", False): (0.78, 0.94),
    ("corpus115", True): (0.80, 0.95),  # 0.750 / 0.950 measured unseen
    ("corpus115", False): (0.80, 0.95),
    ("corpus116", True): (0.47, 0.70),  # 0.471 / 0.706 measured unseen
    ("corpus116", False): (0.41, 0.64),
    ("corpus117", True): (0.92, 1.00),  # 0.923 / 1.000 measured unseen
    ("corpus117", False): (0.92, 0.92),
    ("corpus118", True): (0.75, 0.91),  # 0.750 / 0.917 measured unseen
    ("corpus118", False): (0.66, 0.91),
    ("corpus119", True): (0.56, 0.87),  # 0.562 / 0.875 measured unseen; 403: insufficient_scope
    ("corpus119", False): (0.50, 0.75),
    ("corpus120", True): (0.81, 0.68),  # 0.812 / 0.688 measured unseen
    ("corpus120", False): (0.81, 0.68),
    ("corpus121", True): (0.65, 0.80),  # 0.650 / 0.800 measured unseen
    ("corpus121", False): (0.70, 0.75),
    ("corpus122", True): (0.58, 0.75),  # 0.583 / 0.750 measured unseen
    ("corpus122", False): (0.66, 0.75),
    ("corpus123", True): (0.69, 0.92),  # 0.692 / 0.923 measured unseen
    ("corpus123", False): (0.69, 0.92),
    ("corpus124", True): (0.73, 0.86),  # 0.733 / 0.867 measured unseen
    ("corpus124", False): (0.73, 0.80),
    ("corpus125", True): (0.56, 0.75),  # 0.562 / 0.750 measured unseen
    ("corpus125", False): (0.62, 0.81),
    ("corpus126", True): (0.58, 0.88),  # 0.588 / 0.882 measured unseen
    ("corpus126", False): (0.58, 0.88),
    ("corpus127", True): (0.71, 0.71),  # 0.714 / 0.643 measured unseen
    ("corpus127", False): (0.71, 0.71),
    ("corpus128", True): (0.55, 0.83),  # 0.556 / 0.722 measured unseen
    ("corpus128", False): (0.61, 0.83),
    ("corpus129", True): (0.90, 0.75),  # 0.900 / 0.750 measured unseen
    ("corpus129", False): (0.90, 0.75),
    ("corpus130", True): (0.75, 0.75),  # 0.750 / 0.750 measured unseen
    ("corpus130", False): (0.75, 0.75),
    ("corpus131", True): (0.92, 0.92),  # 0.714 / 0.929 measured unseen
    ("corpus131", False): (0.85, 0.78),
    ("corpus132", True): (0.63, 1.00),  # 0.632 / 1.000 measured unseen
    ("corpus132", False): (0.57, 1.00),  # round 28: a bare 403 is RFC 6750's insufficient_scope
    ("corpus133", True): (0.68, 0.78),  # 0.632 / 0.737 measured unseen
    ("corpus133", False): (0.68, 0.78),
    ("corpus134", True): (0.76, 0.82),  # 0.706 / 0.706 measured unseen
    ("corpus134", False): (0.76, 0.82),
    ("corpus135", True): (0.66, 0.75),  # 0.667 / 0.750 measured unseen
    ("corpus135", False): (0.66, 0.75),
    ("corpus136", True): (0.76, 0.84),  # 0.769 / 0.923 measured unseen
    ("corpus136", False): (0.76, 0.84),
    ("corpus137", True): (0.92, 0.92),  # 0.929 / 0.929 measured unseen
    ("corpus137", False): (0.92, 0.92),
    ("corpus138", True): (0.55, 0.83),  # 0.556 / 0.833 measured unseen
    ("corpus138", False): (0.55, 0.83),
    ("corpus139", True): (0.85, 1.00),  # 0.714 / 1.000 measured unseen
    ("corpus139", False): (0.85, 1.00),
    ("corpus140", True): (0.58, 0.94),  # 0.471 / 0.941 measured unseen
    ("corpus140", False): (0.52, 0.88),
    ("corpus141", True): (0.76, 0.94),  # 0.765 / 0.882 measured unseen
    ("corpus141", False): (0.76, 0.94),
    ("corpus142", True): (0.64, 0.78),  # 0.500 / 0.714 measured unseen
    ("corpus142", False): (0.64, 0.78),
    ("corpus143", True): (0.73, 0.86),  # 0.667 / 0.867 measured unseen
    ("corpus143", False): (0.73, 0.86),
    ("corpus144", True): (0.76, 0.94),  # 0.765 / 0.941 measured unseen
    ("corpus144", False): (0.70, 0.88),
    ("corpus145", True): (0.52, 0.90),  # 0.476 / 0.905 measured unseen
    ("corpus145", False): (0.52, 0.85),
    ("corpus146", True): (0.68, 0.68),  # 0.562 / 0.750 measured unseen; 35: lean on an unread text labelled none
    ("corpus146", False): (0.56, 0.56),  # 35: an unread text labelled none now leans fix_config
    ("corpus147", True): (0.73, 0.86),  # 0.667 / 0.733 measured unseen
    ("corpus147", False): (0.80, 0.86),
    ("corpus148", True): (0.68, 0.78),  # 0.526 / 0.684 measured unseen
    ("corpus148", False): (0.52, 0.63),
    ("corpus149", True): (0.54, 0.90),  # 0.455 / 0.909 measured unseen
    ("corpus149", False): (0.54, 0.90),
    ("corpus150", True): (0.60, 0.60),  # 0.600 / 0.600 measured unseen
    ("corpus150", False): (0.60, 0.60),
    ("corpus151", True): (0.82, 0.82),  # 0.824 / 0.824 measured unseen
    ("corpus151", False): (0.82, 0.82),
    ("corpus152", True): (0.56, 0.72),  # 0.560 / 0.720 measured unseen
    ("corpus152", False): (0.56, 0.72),  # 35: an unread text labelled none now leans fix_config
    ("corpus153", True): (0.83, 0.72),  # 0.722 / 0.722 measured unseen
    ("corpus153", False): (0.77, 0.66),
    ("corpus154", True): (0.76, 0.58),  # 0.647 / 0.529 measured unseen
    ("corpus154", False): (0.76, 0.58),
    ("corpus155", True): (0.73, 0.86),  # 0.667 / 0.867 measured unseen
    ("corpus155", False): (0.66, 0.80),
    ("corpus156", True): (0.52, 0.78),  # 0.435 / 0.739 measured unseen
    ("corpus156", False): (0.52, 0.78),
    ("corpus157", True): (0.84, 0.94),  # 0.579 / 0.842 measured unseen
    ("corpus157", False): (0.63, 0.78),
    ("corpus158", True): (0.82, 0.82),  # 0.647 / 0.706 measured unseen
    ("corpus158", False): (0.70, 0.82),
    ("corpus159", True): (0.77, 0.77),  # 0.667 / 0.667 measured unseen
    ("corpus159", False): (0.77, 0.77),
    ("corpus160", True): (0.61, 0.71),  # 0.571 / 0.714 measured unseen
    ("corpus160", False): (0.52, 0.66),
    ("corpus161", True): (0.73, 0.86),  # 0.667 / 0.867 measured unseen
    ("corpus161", False): (0.73, 0.86),
    ("corpus162", True): (0.47, 0.76),  # 0.412 / 0.765 measured unseen
    ("corpus162", False): (0.47, 0.76),
    ("corpus163", True): (0.91, 0.95),  # 0.913 / 0.826 measured unseen
    ("corpus163", False): (0.86, 0.91),
    ("corpus164", True): (0.71, 0.85),  # 0.619 / 0.857 measured unseen
    ("corpus164", False): (0.61, 0.85),
    ("corpus165", True): (0.61, 0.94),  # 0.611 / 0.944 measured unseen
    ("corpus165", False): (0.55, 0.83),
    ("corpus166", True): (0.62, 0.75),  # 0.542 / 0.750 measured unseen
    ("corpus166", False): (0.62, 0.70),
    ("corpus167", True): (0.78, 0.85),  # 0.643 / 0.786 measured unseen
    ("corpus167", False): (0.64, 0.78),
    ("corpus168", True): (0.46, 0.73),  # 0.333 / 0.733 measured unseen
    ("corpus168", False): (0.46, 0.73),
    ("corpus169", True): (0.60, 0.73),  # 0.533 / 0.600 measured unseen
    ("corpus169", False): (0.60, 0.73),
    ("corpus170", True): (0.63, 0.81),  # 0.455 / 0.545 measured unseen
    ("corpus170", False): (0.63, 0.81),
    ("corpus171", True): (0.50, 0.65),  # 0.450 / 0.550 measured unseen; 403: insufficient_scope
    ("corpus171", False): (0.50, 0.65),  # round 28: a bare 403 is RFC 6750's insufficient_scope
    ("corpus172", True): (0.55, 0.66),  # 0.556 / 0.667 measured unseen
    ("corpus172", False): (0.55, 0.55),
    ("corpus173", True): (0.92, 1.00),  # 0.846 / 1.000 measured unseen
    ("corpus173", False): (0.92, 1.00),
    ("corpus174", True): (0.66, 0.77),  # 0.333 / 0.722 measured unseen
    ("corpus174", False): (0.66, 0.77),
    ("corpus175", True): (0.52, 0.78),  # 0.368 / 0.789 measured unseen
    ("corpus175", False): (0.52, 0.78),
    ("corpus176", True): (0.61, 0.71),  # 0.524 / 0.714 measured unseen
    ("corpus176", False): (0.61, 0.71),
    ("corpus177", True): (0.47, 0.58),  # 0.353 / 0.471 measured unseen
    ("corpus177", False): (0.47, 0.58),
    ("corpus178", True): (0.68, 0.94),  # 0.632 / 0.895 measured unseen
    ("corpus178", False): (0.68, 0.89),
    ("corpus179", True): (0.61, 0.85),  # 0.571 / 0.857 measured unseen
    ("corpus179", False): (0.61, 0.85),
    ("corpus180", True): (0.50, 0.88),  # 0.444 / 0.833 measured unseen
    ("corpus180", False): (0.50, 0.88),
    ("corpus181", True): (0.83, 0.91),  # 0.833 / 0.917 measured unseen
    ("corpus181", False): (0.66, 0.83),
    ("corpus182", True): (0.75, 0.93),  # 0.562 / 0.875 measured unseen
    ("corpus182", False): (0.75, 0.87),
    ("corpus183", True): (0.50, 0.75),  # 0.550 / 0.750 measured unseen; 403: insufficient_scope
    ("corpus183", False): (0.50, 0.75),  # round 28: a bare 403 is RFC 6750's insufficient_scope
    ("corpus184", True): (0.38, 0.61),  # 0.385 / 0.615 measured unseen
    ("corpus184", False): (0.38, 0.61),
    ("corpus185", True): (0.68, 0.68),  # 0.500 / 0.625 measured unseen
    ("corpus185", False): (0.68, 0.68),
    ("corpus186", True): (0.82, 0.86),  # 0.696 / 0.870 measured unseen
    ("corpus186", False): (0.82, 0.86),  # 35: an unread text labelled none now leans fix_config
    ("corpus187", True): (0.64, 0.70),  # 0.529 / 0.765 unseen; an expired Strava code now reads reauth
    ("corpus187", False): (0.52, 0.76),
    ("corpus188", True): (0.56, 0.84),  # 0.440 / 0.720 measured unseen
    ("corpus188", False): (0.56, 0.84),
    ("corpus189", True): (0.33, 0.86),  # 0.333 / 0.867 measured unseen
    ("corpus189", False): (0.26, 0.73),
    ("corpus190", True): (0.18, 0.63),  # 0.136 / 0.591 measured unseen
    ("corpus190", False): (0.18, 0.63),
    ("corpus191", True): (0.77, 0.88),  # 0.611 / 0.889 measured unseen
    ("corpus191", False): (0.72, 0.88),
    ("corpus192", True): (0.77, 0.83),  # 0.667 / 0.667 measured unseen
    ("corpus192", False): (0.77, 0.83),
    ("corpus193", True): (0.40, 0.73),  # 0.267 / 0.800 measured unseen; 35: lean on an unread text labelled none
    ("corpus193", False): (0.40, 0.73),  # 35: an unread text labelled none now leans fix_config
    ("corpus194", True): (0.87, 0.81),  # 0.875 / 0.812 measured unseen
    ("corpus194", False): (0.87, 0.81),
    ("corpus195", True): (0.50, 0.87),  # 0.125 / 0.750 measured unseen
    ("corpus195", False): (0.50, 0.87),
    ("corpus196", True): (0.17, 0.69),  # 0.043 / 0.609 measured unseen
    ("corpus196", False): (0.17, 0.60),
    ("corpus197", True): (0.46, 0.73),  # 0.423 / 0.692 measured unseen
    ("corpus197", False): (0.46, 0.53),
    ("corpus198", True): (0.66, 0.71),  # 0.571 / 0.619 measured unseen
    ("corpus198", False): (0.66, 0.71),
    ("corpus199", True): (0.46, 0.86),  # 0.467 / 0.867 measured unseen
    ("corpus199", False): (0.46, 0.86),
    ("corpus200", True): (0.73, 0.82),  # 0.652 / 0.739 measured unseen
    ("corpus200", False): (0.73, 0.82),
    ("corpus201", True): (0.65, 0.75),  # 0.550 / 0.700 measured unseen
    ("corpus201", False): (0.65, 0.75),
    ("corpus202", True): (0.68, 0.84),  # 0.632 / 0.842 measured unseen
    ("corpus202", False): (0.68, 0.84),
    ("corpus203", True): (0.90, 0.95),  # 0.905 / 0.857 measured unseen
    ("corpus203", False): (0.95, 0.95),
    ("corpus204", True): (0.77, 0.94),  # 0.722 / 0.889 measured unseen
    ("corpus204", False): (0.83, 0.94),
    ("corpus205", True): (0.86, 0.95),  # 0.864 / 0.955 measured unseen
    ("corpus205", False): (0.86, 0.95),
    ("corpus206", True): (0.73, 0.80),  # 0.600 / 0.733 measured unseen
    ("corpus206", False): (0.66, 0.80),
    ("corpus207", True): (0.82, 0.70),  # 0.765 / 0.706 measured unseen
    ("corpus207", False): (0.82, 0.70),
    ("corpus208", True): (0.60, 0.80),  # 0.467 / 0.733 measured unseen
    ("corpus208", False): (0.60, 0.80),
    ("corpus209", True): (0.68, 0.84),  # 0.526 / 0.842 measured unseen
    ("corpus209", False): (0.68, 0.84),
    ("corpus210", True): (0.70, 0.70),  # 0.706 / 0.706 measured unseen
    ("corpus210", False): (0.70, 0.70),
    ("corpus211", True): (0.78, 0.78),  # 0.789 / 0.789 measured unseen
    ("corpus211", False): (0.78, 0.78),
    ("corpus212", True): (0.65, 0.86),  # 0.609 / 0.870 measured unseen
    ("corpus212", False): (0.65, 0.78),
    ("corpus213", True): (0.68, 0.87),  # 0.500 / 0.875 measured unseen
    ("corpus213", False): (0.62, 0.87),
    ("corpus214", True): (0.78, 0.91),  # 0.609 / 0.870 measured unseen
    ("corpus214", False): (0.78, 0.91),
    ("corpus215", True): (0.68, 0.87),  # 0.438 / 0.875 measured unseen
    ("corpus215", False): (0.68, 0.87),
    ("corpus216", True): (0.57, 0.90),  # 0.571 / 0.905 measured unseen
    ("corpus216", False): (0.52, 0.71),
    ("corpus217", True): (0.50, 0.95),  # 0.500 / 0.950 measured unseen
    ("corpus217", False): (0.50, 0.95),
    ("corpus218", True): (0.62, 0.95),  # 0.625 / 0.958 measured unseen
    ("corpus218", False): (0.62, 0.95),
    ("corpus219", True): (0.80, 0.85),  # 0.810 / 0.857 measured unseen
    ("corpus219", False): (0.66, 0.76),
    ("corpus220", True): (0.52, 0.86),  # 0.478 / 0.826 measured unseen
    ("corpus220", False): (0.52, 0.86),
    ("corpus221", True): (0.73, 0.84),  # 0.526 / 0.842 measured unseen
    ("corpus221", False): (0.78, 0.84),
    ("corpus222", True): (0.73, 0.80),  # 0.733 / 0.800 measured unseen
    ("corpus222", False): (0.66, 0.73),
    ("corpus223", True): (0.36, 0.63),  # 0.364 / 0.636 measured unseen
    ("corpus223", False): (0.36, 0.63),
    ("corpus224", True): (0.53, 0.84),  # 0.385 / 0.846 measured unseen
    ("corpus224", False): (0.53, 0.84),
    ("corpus225", True): (0.68, 0.76),  # 0.480 / 0.760 measured unseen
    ("corpus225", False): (0.64, 0.72),
    ("corpus226", True): (0.77, 1.00),  # 0.611 / 0.833 measured unseen
    ("corpus226", False): (0.61, 0.83),
    ("corpus227", True): (0.86, 0.86),  # 0.800 / 0.800 measured unseen
    ("corpus227", False): (0.86, 0.86),
    ("corpus228", True): (0.61, 0.77),  # 0.611 / 0.778 measured unseen
    ("corpus228", False): (0.61, 0.72),
    ("corpus229", True): (0.85, 0.90),  # 0.857 / 0.905 measured unseen
    ("corpus229", False): (0.85, 0.90),
    ("corpus230", True): (0.68, 0.88),  # 0.680 / 0.880 measured unseen
    ("corpus230", False): (0.68, 0.80),
    ("corpus231", True): (0.81, 0.77),  # 0.818 / 0.773 measured unseen
    ("corpus231", False): (0.86, 0.77),
    ("corpus232", True): (0.42, 0.57),  # 0.429 / 0.571 measured unseen
    ("corpus232", False): (0.42, 0.57),
    ("corpus233", True): (0.73, 0.80),  # 0.733 / 0.800 measured unseen
    ("corpus233", False): (0.73, 0.73),
    ("corpus234", True): (0.62, 0.81),  # 0.630 / 0.815 measured unseen
    ("corpus234", False): (0.55, 0.62),
    ("corpus235", True): (0.69, 0.84),  # 0.692 / 0.846 measured unseen
    ("corpus235", False): (0.69, 0.84),
    ("corpus236", True): (0.83, 0.94),  # 0.833 / 0.944 measured unseen
    ("corpus236", False): (0.83, 0.94),
    ("corpus237", True): (0.86, 0.73),  # 0.867 / 0.733 measured unseen
    ("corpus237", False): (0.86, 0.73),
    ("corpus238", True): (0.76, 0.82),  # 0.765 / 0.824 measured unseen
    ("corpus238", False): (0.76, 0.82),
    ("corpus239", True): (0.87, 0.68),  # 0.875 / 0.688 measured unseen
    ("corpus239", False): (0.87, 0.68),
    ("corpus240", True): (0.66, 0.83),  # 0.667 / 0.833 measured unseen
    ("corpus240", False): (0.66, 0.83),
    ("corpus241", True): (0.69, 0.76),  # 0.692 / 0.769 measured unseen
    ("corpus241", False): (0.76, 0.76),  # 35: an unread text labelled none now leans fix_config
    ("corpus242", True): (0.30, 0.73),  # 0.304 / 0.739 measured unseen
    ("corpus242", False): (0.30, 0.73),
    ("corpus243", True): (0.90, 0.80),  # 0.900 / 0.800 measured unseen
    ("corpus243", False): (0.90, 0.80),
    ("corpus244", True): (0.88, 0.77),  # 0.889 / 0.778 measured unseen
    ("corpus244", False): (0.88, 0.77),
    ("corpus245", True): (0.57, 0.68),  # 0.579 / 0.684 measured unseen
    ("corpus245", False): (0.63, 0.73),
    ("corpus246", True): (0.35, 0.75),  # 0.350 / 0.750 measured unseen
    ("corpus246", False): (0.35, 0.75),
    ("corpus247", True): (0.47, 0.88),  # 0.471 / 0.882 measured unseen
    ("corpus247", False): (0.41, 0.82),
    ("corpus248", True): (0.86, 0.95),  # 0.864 / 0.955 measured unseen
    ("corpus248", False): (0.86, 0.95),
    ("corpus249", True): (0.42, 0.63),  # 0.421 / 0.632 measured unseen
    ("corpus249", False): (0.42, 0.63),
    ("corpus250", True): (0.83, 0.87),  # 0.833 / 0.875 measured unseen
    ("corpus250", False): (0.83, 0.87),
    ("corpus251", True): (0.64, 1.00),  # 0.640 / 1.000 measured unseen
    ("corpus251", False): (0.56, 0.92),
    ("corpus252", True): (0.93, 0.87),  # 0.938 / 0.938 measured unseen; 35: lean on an unread text labelled none
    ("corpus252", False): (0.93, 0.87),  # 35: an unread text labelled none now leans fix_config
    ("corpus253", True): (0.82, 0.88),  # 0.824 / 0.882 measured unseen
    ("corpus253", False): (0.82, 0.88),
    ("corpus254", True): (0.84, 0.76),  # 0.846 / 0.769 measured unseen
    ("corpus254", False): (0.76, 0.61),
    ("corpus255", True): (0.64, 0.85),  # 0.643 / 0.857 measured unseen
    ("corpus255", False): (0.57, 0.78),
    ("corpus256", True): (0.66, 1.00),  # 0.667 / 1.000 measured unseen
    ("corpus256", False): (0.66, 1.00),
    ("corpus257", True): (0.80, 0.85),  # 0.800 / 0.850 measured unseen
    ("corpus257", False): (0.80, 0.85),
    ("corpus258", True): (0.63, 0.77),  # 0.636 / 0.773 measured unseen
    ("corpus258", False): (0.63, 0.72),
    ("corpus259", True): (0.80, 0.76),  # 0.810 / 0.762 measured unseen
    ("corpus259", False): (0.80, 0.76),
    ("corpus260", True): (0.85, 0.71),  # 0.857 / 0.714 measured unseen
    ("corpus260", False): (1.00, 0.85),
    ("corpus261", True): (0.93, 0.93),  # 0.933 / 0.933 measured unseen
    ("corpus261", False): (0.93, 0.93),
    ("corpus262", True): (0.72, 0.77),  # 0.722 / 0.778 measured unseen
    ("corpus262", False): (0.77, 0.83),
    ("corpus263", True): (0.66, 0.88),  # 0.667 / 0.889 measured unseen
    ("corpus263", False): (0.55, 0.88),
    ("corpus264", True): (0.40, 0.80),  # 0.400 / 0.800 measured unseen
    ("corpus264", False): (0.35, 0.75),
    ("corpus265", True): (0.69, 0.76),  # 0.692 / 0.769 measured unseen
    ("corpus265", False): (0.69, 0.69),
    ("corpus266", True): (0.61, 0.66),  # 0.611 / 0.667 measured unseen
    ("corpus266", False): (0.55, 0.55),
    ("corpus267", True): (0.75, 0.62),  # 0.750 / 0.625 measured unseen
    ("corpus267", False): (0.56, 0.37),
    ("corpus268", True): (0.77, 0.72),  # 0.778 / 0.722 measured unseen
    ("corpus268", False): (0.77, 0.72),
    ("corpus269", True): (0.68, 0.68),  # 0.684 / 0.684 measured unseen
    ("corpus269", False): (0.68, 0.68),
    ("corpus270", True): (0.60, 0.85),  # 0.600 / 0.850 measured unseen
    ("corpus270", False): (0.60, 0.85),
    ("corpus271", True): (0.38, 0.76),  # 0.385 / 0.769 measured unseen
    ("corpus271", False): (0.30, 0.69),
    ("corpus272", True): (0.75, 0.91),  # 0.750 / 0.917 measured unseen
    ("corpus272", False): (0.75, 0.83),
    ("corpus273", True): (0.30, 0.92),  # 0.308 / 0.923 measured unseen
    ("corpus273", False): (0.30, 0.76),
    ("corpus274", True): (0.58, 0.66),  # 0.583 / 0.667 measured unseen
    ("corpus274", False): (0.66, 0.75),
    ("corpus275", True): (0.50, 0.80),  # 0.500 / 0.800 measured unseen
    ("corpus275", False): (0.50, 0.80),
    ("dev", True): (1.0, 1.0),
    ("dev", False): (0.97, 0.97),  # two bodies carry no provider-specific shape (test_classify_cases)
}


def _accuracy(cases: list[dict[str, Any]], with_provider: bool) -> tuple[float, float, list[str]]:
    book = RuleBook()
    good_class = good_decision = 0
    misses = []
    for case in cases:
        got = classify(case["status"], case["body"], case.get("headers"),
                       provider=case["provider"] if with_provider else None, rulebook=book)
        good_class += got.failure_class == case["expected_class"]
        good_decision += got.decision == case["expected_decision"]
        if (got.failure_class, got.decision) != (case["expected_class"], case["expected_decision"]):
            misses.append(f"{case['id']}: {got.failure_class}/{got.decision}")
    return good_class / len(cases), good_decision / len(cases), misses


@pytest.mark.parametrize(("name", "with_provider"), list(FLOORS))
def test_accuracy_floors(name: str, with_provider: bool) -> None:
    class_acc, decision_acc, misses = _accuracy(_cases(name), with_provider)
    class_floor, decision_floor = FLOORS[(name, with_provider)]
    assert class_acc >= class_floor and decision_acc >= decision_floor, (class_acc, decision_acc, misses)


@pytest.mark.parametrize(("name", "count"), list(COUNTS.items()))
def test_corpus_cases_are_complete_and_sourced(name: str, count: int) -> None:
    cases = _cases(name)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)) == count
    for case in cases:
        assert case["source"].startswith(("https://", "http://")), case["id"]
        # "none" only with class unknown: text with no OAuth meaning decides nothing
        assert case["expected_decision"] in ("reauth", "fix_config", "retry") or (
            case["expected_decision"], case["expected_class"]) == ("none", "unknown"), case["id"]
        assert case["family"] in range(10), case["id"]


def _flat(body: Any) -> str:
    return json.dumps(body) if isinstance(body, dict | list) else " ".join(str(body).split())


# The same response as users meet it elsewhere (bench/explain_variants.py has the full list): a right answer must
# survive being logged, wrapped by a gateway or shown on an error page.
WRAPPERS = {
    "log line": lambda b: f"2026-12-05 10:00:01 ERROR [oauth] request failed: {_flat(b)}",
    "gateway envelope": lambda b: json.dumps({"statusCode": 400, "body": _flat(b)}),
    "error page": lambda b: None if "<html" in _flat(b).lower() else (
        f"<html><head><title>Error</title></head><body><p>{html.escape(_flat(b))}</p></body></html>"),
    "json string": lambda b: json.dumps(_flat(b)),
}


@pytest.mark.parametrize("wrapper", list(WRAPPERS))
def test_right_answers_survive_wrappers(wrapper: str) -> None:
    book = RuleBook()
    tried = kept = 0
    changed = []
    for case in _cases("corpus") + _cases("corpus2") + _cases("corpus3"):
        expected = (case["expected_class"], case["expected_decision"])
        first = classify(case["status"], case["body"], case.get("headers"), provider=case["provider"], rulebook=book)
        wrapped = WRAPPERS[wrapper](case["body"])
        if (first.failure_class, first.decision) != expected or wrapped is None:
            continue
        got = classify(case["status"], wrapped, case.get("headers"), provider=case["provider"], rulebook=book)
        tried += 1
        kept += (got.failure_class, got.decision) == expected
        if (got.failure_class, got.decision) != expected:
            changed.append(case["id"])
    assert kept / tried >= 0.98, changed  # before round three: 97.8 %, 53.0 %, 73.9 %, 100 %
