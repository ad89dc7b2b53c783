using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Geography;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Pages.Admin;

/// <summary>The service's ORUK record shown in the form's fields, and the fields written back onto the record.</summary>
public sealed partial class ServiceEditModel
{
    private void Show(JsonObject record)
    {
        Name = record["name"]?.GetValue<string>();
        OrganizationId = Guid.Parse(record["organization_id"]!.GetValue<string>());
        Description = record["description"]?.GetValue<string>();
        Status = record["status"]!.GetValue<string>();
        // The directory's needs; a feed's other terms stay on the record untouched (ForeignAttributes).
        Needs = [.. (record["attributes"] as JsonArray ?? []).Select(a => a?["taxonomy_term"]?["code"]?.GetValue<string>()).OfType<string>().Where(code => Terms.Any(t => t.Code == code))];
        MinimumAge = record["minimum_age"]?.ToString();
        MaximumAge = record["maximum_age"]?.ToString();
        Places = record["capacity"]?["maximum"]?.ToString();
        Fees = record["fees"]?.GetValue<string>();
        Website = record["url"]?.GetValue<string>();
        Email = record["email"]?.GetValue<string>();
        Alert = record["alert"]?.GetValue<string>();
        AssuredDate = record["assured_date"]?.GetValue<string>();
        if (record["schedules"]?.AsArray().FirstOrDefault() is JsonObject schedule)
        {
            MeetingDays = [.. (schedule["byday"]?.GetValue<string>() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];
            OpensAt = schedule["opens_at"]?.GetValue<string>()?[..5];
            ClosesAt = schedule["closes_at"]?.GetValue<string>()?[..5];
        }

        if (record["service_at_locations"]?.AsArray().FirstOrDefault()?["location"] is JsonObject location)
        {
            Venue = location["name"]?.GetValue<string>();
            var address = location["addresses"]?.AsArray().FirstOrDefault();
            Address = address?["address_1"]?.GetValue<string>();
            Town = address?["city"]?.GetValue<string>();
            Postcode = address?["postal_code"]?.GetValue<string>();
        }
    }

    /// <summary>The form's answers into the ORUK record; what cannot even be read is an error here.</summary>
    private void Fill(JsonObject record)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            Errors["name"] = "Enter the name of the service";
        }

        record["name"] = Name?.Trim();
        record["organization_id"] = OrganizationId?.ToString();
        if (OrganizationId is null || !Organizations.Any(o => o.Id == OrganizationId))
        {
            Errors["organization"] = "Choose the organisation that runs the service";
        }

        record["description"] = Blank(Description);
        record["status"] = ServiceStatus.All.Contains(Status) ? Status : ServiceStatus.Active;
        record["fees"] = Blank(Fees);
        record["url"] = Blank(Website);
        record["email"] = Blank(Email);
        record["alert"] = Blank(Alert);
        record["minimum_age"] = Number("minimum-age", MinimumAge, "Enter the youngest age as a number of years, like 18");
        record["maximum_age"] = Number("maximum-age", MaximumAge, "Enter the oldest age as a number of years, like 65");
        // Blank: the service has not said how many places it has (unknown, not full).
        record["capacity"] = new JsonObject { ["maximum"] = Number("places", Places, "Enter the number of places, like 12") };
        if (Checked)
        {
            record["assured_date"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            record["assurer_email"] = User.FindFirst("email")?.Value ?? record["assurer_email"]?.GetValue<string>();
        }

        var unknownNeed = Needs.FirstOrDefault(code => Terms.All(t => t.Code != code));
        if (unknownNeed is not null)
        {
            Errors["needs"] = "Choose needs from the list";
        }

        record["attributes"] = new JsonArray([
            .. Terms.Where(t => Needs.Contains(t.Code)).Select(t => (JsonNode)new JsonObject { ["taxonomy_term_id"] = t.Id.ToString() }),
            .. ForeignAttributes(record),
        ]);
        FillMeeting(record);
        FillPlace(record);
    }

    /// <summary>Attributes a feed sent that are none of the directory's needs (another vocabulary's terms, or none): kept as sent.</summary>
    private IEnumerable<JsonNode> ForeignAttributes(JsonObject record) =>
        (record["attributes"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(a => !Terms.Any(t => t.Code == a["taxonomy_term"]?["code"]?.GetValue<string>() || t.Id.ToString() == a["taxonomy_term_id"]?.GetValue<string>()))
            .Select(a => a.DeepClone());

    private void FillMeeting(JsonObject record)
    {
        var schedules = record["schedules"] as JsonArray ?? [];
        record["schedules"] = schedules;
        var first = schedules.FirstOrDefault() as JsonObject;
        var days = Days.Where(d => MeetingDays.Contains(d.Code)).Select(d => d.Code).ToList();
        if (days.Count == 0 && string.IsNullOrWhiteSpace(OpensAt) && string.IsNullOrWhiteSpace(ClosesAt))
        {
            if (first is not null)
            {
                schedules.Remove(first);
            }

            return;
        }

        if (first is null)
        {
            first = new JsonObject { ["freq"] = "WEEKLY" };
            schedules.Insert(0, first);
        }

        if (days.Count == 0)
        {
            Errors["days"] = "Choose the days the service meets";
        }

        first["byday"] = string.Join(',', days);
        first["opens_at"] = Blank(OpensAt);
        first["closes_at"] = Blank(ClosesAt);
    }

    private void FillPlace(JsonObject record)
    {
        var places = record["service_at_locations"] as JsonArray ?? [];
        record["service_at_locations"] = places;
        // The form edits the first place with a location; a feed's place without one stays as it was sent.
        var first = places.OfType<JsonObject>().FirstOrDefault(p => p["location"] is not null || p["location_id"] is not null);
        if (new[] { Venue, Address, Town, Postcode }.All(string.IsNullOrWhiteSpace))
        {
            if (first is not null)
            {
                places.Remove(first);
            }

            return;
        }

        var centre = Postcode is null ? null : PostcodeDistricts.CentreOf(Postcode);
        if (centre is null)
        {
            Errors["postcode"] = "Enter a UK postcode we know, like LS11 9QX";
        }

        if (string.IsNullOrWhiteSpace(Address) || string.IsNullOrWhiteSpace(Town))
        {
            Errors[string.IsNullOrWhiteSpace(Address) ? "address" : "town"] = "Enter the address and town where the service meets";
        }

        var location = first?["location"] as JsonObject ?? new JsonObject { ["location_type"] = "physical" };
        if (first is null)
        {
            places.Insert(0, new JsonObject { ["location"] = location });
        }

        location["name"] = Blank(Venue);
        location["latitude"] = centre?.Latitude;
        location["longitude"] = centre?.Longitude;
        var address = (location["addresses"] as JsonArray)?.FirstOrDefault() as JsonObject ?? new JsonObject();
        location["addresses"] = new JsonArray(address.Parent is null ? address : address.DeepClone());
        var kept = location["addresses"]!.AsArray()[0]!.AsObject();
        kept["address_1"] = Address?.Trim();
        kept["city"] = Town?.Trim();
        kept["state_province"] = kept["state_province"]?.GetValue<string>() ?? "";
        kept["postal_code"] = Postcode?.Trim().ToUpperInvariant();
        kept["country"] = "GB";
        kept["address_type"] = "physical";
    }

    /// <summary>ORUK leaves out what is not known: a field the form left empty is no field at all.</summary>
    private static void Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var empty in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(empty);
                }

                foreach (var (_, value) in obj)
                {
                    Prune(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Prune(item);
                }

                break;
        }
    }

    private JsonNode? Number(string field, string? text, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Errors[field] = message;
        return null;
    }
}
