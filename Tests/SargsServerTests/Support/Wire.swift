/// The JSON the API sends, as the tests read it: written from `openapi.yaml`, independent of the
/// server's own types, so a change to the wire format fails a test. Fields the document marks
/// required are non-optional; snake_case keys are spelled out (category keys inside `data`
/// objects, such as `user.contact.phone_number`, stay as they are); dates are ISO 8601.
enum Wire {}
