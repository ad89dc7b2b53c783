using System.Text.Json.Nodes;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>FHIR R4 referral bodies as a GP system sends them.</summary>
internal static class FhirBodies
{
    public static JsonObject ServiceRequest(string identifier, string status = "active", string priority = "routine", string postcode = "LS6 3HN", string nhsNumber = "9434765919") => new()
    {
        ["resourceType"] = "ServiceRequest",
        ["identifier"] = new JsonArray(new JsonObject { ["system"] = "https://gp.example/referrals", ["value"] = identifier }),
        ["status"] = status,
        ["intent"] = "order",
        ["priority"] = priority,
        ["code"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "871731000000106", ["display"] = "Referral to social prescribing service" }),
        },
        ["subject"] = new JsonObject { ["reference"] = "#p1" },
        ["requester"] = new JsonObject { ["reference"] = "#gp1" },
        ["authoredOn"] = "2026-11-20",
        ["reasonCode"] = new JsonArray(
            new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "https://socialprescribing.dev/fhir/CodeSystem/need", ["code"] = "debt" }) },
            new JsonObject { ["text"] = "Worried about rent arrears; feels isolated." }),
        ["contained"] = new JsonArray(Patient("p1", postcode, nhsNumber), Practitioner("gp1")),
    };

    public static JsonObject MessageBundle(string identifier)
    {
        var request = ServiceRequest(identifier);
        request.Remove("contained");
        request["subject"] = new JsonObject { ["reference"] = "urn:uuid:5b2c7a3e-8e1f-4a9c-9d7e-2f6b1c0a4d11" };
        request["requester"] = new JsonObject { ["reference"] = "Practitioner/gp1" };
        return new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "message",
            ["entry"] = new JsonArray(
                new JsonObject
                {
                    ["fullUrl"] = "urn:uuid:0e0b7c5a-1d33-4b8e-a2a4-7c1f5f8e9b01",
                    ["resource"] = new JsonObject
                    {
                        ["resourceType"] = "MessageHeader",
                        ["eventCoding"] = new JsonObject { ["system"] = "https://fhir.nhs.uk/CodeSystem/message-event", ["code"] = "servicerequest-request" },
                        ["source"] = new JsonObject { ["endpoint"] = "https://gp.example/fhir" },
                        ["focus"] = new JsonArray(new JsonObject { ["reference"] = "urn:uuid:9a1f3c2e-4b5d-4e6f-8a7b-1c2d3e4f5a6b" }),
                    },
                },
                new JsonObject { ["fullUrl"] = "urn:uuid:9a1f3c2e-4b5d-4e6f-8a7b-1c2d3e4f5a6b", ["resource"] = request },
                new JsonObject { ["fullUrl"] = "urn:uuid:5b2c7a3e-8e1f-4a9c-9d7e-2f6b1c0a4d11", ["resource"] = Patient("p2", "LS7 4EB", "4010232137") },
                new JsonObject { ["fullUrl"] = "https://gp.example/fhir/Practitioner/gp1", ["resource"] = Practitioner("gp1") }),
        };
    }

    private static JsonObject Patient(string id, string postcode, string nhsNumber) => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["identifier"] = new JsonArray(new JsonObject { ["system"] = "https://fhir.nhs.uk/Id/nhs-number", ["value"] = nhsNumber }),
        ["name"] = new JsonArray(new JsonObject { ["family"] = "Franklin", ["given"] = new JsonArray("Rosalind") }),
        ["birthDate"] = "1958-04-16",
        ["telecom"] = new JsonArray(new JsonObject { ["system"] = "phone", ["value"] = "0113 496 0000" }),
        ["address"] = new JsonArray(new JsonObject { ["postalCode"] = postcode }),
    };

    private static JsonObject Practitioner(string id) => new()
    {
        ["resourceType"] = "Practitioner",
        ["id"] = id,
        ["name"] = new JsonArray(new JsonObject { ["prefix"] = new JsonArray("Dr"), ["family"] = "Jenner", ["given"] = new JsonArray("Edward") }),
    };
}
