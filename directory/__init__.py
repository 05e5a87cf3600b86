"""The directory of the ESV network, modelled on X-Road's central server: a service of its own
that publishes a signed document of the network's members (their KBO, names, answering address and
certificates), keeps which member holds records of which person over which period (the reference
directory, registered by the members themselves), and answers a member's lookup of the others that
hold records of a person, logging every lookup. See docs/network.md."""
