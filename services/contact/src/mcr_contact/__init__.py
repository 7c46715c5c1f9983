"""MCR contact service: activities, cadences and reminders, key events and playbooks."""
