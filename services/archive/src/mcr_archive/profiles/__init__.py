"""Customer profiles (CP, book ch.6 §6.2) and vendor profiles (VP, §6.3) of the archive.

How they are kept, and why:

- **Documents with a section catalog.** Each profile is one JSON document per customer and
  kind: the narrative sections of the book's outline (codes such as `macro_environment`, each
  with named fields, some enumerated) and structured parts: the key-event calendar (CP App C),
  the business-network details (CP App D, metrics typed by the industry plugins' schema), the
  key sub-networks (CP), the locked competitors (VP §1.1, at most two) and the supplier weight
  table (VP §1.2, weights 1-100 summing to 100, scores 0-10, weighted score = Σ weight × score
  / 100 for us and each locked competitor). The executive archive, account-team and financial
  history appendices are the person archive, account team and yearly revenue: not copied.
- **Key sub-networks live on the CP** of the group: they are knowledge about the group (value
  regions and value businesses, approval paths, group model selection); one that is a
  subsidiary in the archive must sit below the group in its group structure. The VP's §3.4
  section holds our relationships with them.
- **Drafts, review rounds, versions.** Edits change the working copy (etag, field history).
  Submitting opens a round and freezes it; a manager other than the submitter closes the round:
  changes requested (with comments) reopen the draft, approval keeps a new immutable version.
- **Obligations from the tier policy.** The archive learns from insight's `TierPolicyChanged`
  which tiers carry the `customer_profile` obligation; for a tier it has not heard of yet it
  falls back to decision 3's default (S and A). When `TierChanged` raises a customer into an
  obliged tier from one that was not, `ProfileSectionsMissing` lists what the latest published
  versions lack (a draft does not count); `GetProfileCompleteness` answers the same on demand.
  A policy that newly obliges a tier reports the customers already in it the same way.
"""
