"""The languages a feed can be pinned to, and each engine's name for them: one table.

The codes are the ones Whisper knows (faster-whisper offline, OpenAI's
transcription API), with the English name the LLM is told to write in, and
the Amazon Transcribe LanguageCode where Transcribe has a model for it
(`en-US` style). A pin is a Whisper code ("de") or a regional form
Transcribe has ("en-GB", "pt-BR"); anything else is refused with the list.
"""

# Whisper's language codes (faster_whisper.tokenizer._LANGUAGE_CODES) and their English names.
LANGUAGE_NAMES: dict[str, str] = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "as": "Assamese", "az": "Azerbaijani",
    "ba": "Bashkir", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali", "bo": "Tibetan",
    "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "eu": "Basque",
    "fa": "Persian", "fi": "Finnish", "fo": "Faroese", "fr": "French", "gl": "Galician",
    "gu": "Gujarati", "ha": "Hausa", "haw": "Hawaiian", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ja": "Japanese", "jw": "Javanese", "ka": "Georgian",
    "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean", "la": "Latin",
    "lb": "Luxembourgish", "ln": "Lingala", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian",
    "mg": "Malagasy", "mi": "Maori", "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian",
    "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "my": "Burmese", "ne": "Nepali", "nl": "Dutch",
    "nn": "Norwegian Nynorsk", "no": "Norwegian", "oc": "Occitan", "pa": "Punjabi", "pl": "Polish",
    "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sa": "Sanskrit",
    "sd": "Sindhi", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian", "sn": "Shona", "so": "Somali",
    "sq": "Albanian", "sr": "Serbian", "su": "Sundanese", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tg": "Tajik", "th": "Thai", "tk": "Turkmen", "tl": "Tagalog",
    "tr": "Turkish", "tt": "Tatar", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese", "yi": "Yiddish", "yo": "Yoruba", "yue": "Cantonese", "zh": "Chinese",
}  # fmt: skip

# Whisper code -> the Transcribe LanguageCode used when the pin names no region.
TRANSCRIBE_DEFAULT: dict[str, str] = {
    "af": "af-ZA", "am": "am-ET", "ar": "ar-SA", "az": "az-AZ", "ba": "ba-RU", "be": "be-BY",
    "bg": "bg-BG", "bn": "bn-IN", "bs": "bs-BA", "ca": "ca-ES", "cs": "cs-CZ", "cy": "cy-GB",
    "da": "da-DK", "de": "de-DE", "el": "el-GR", "en": "en-US", "es": "es-ES", "et": "et-EE",
    "eu": "eu-ES", "fa": "fa-IR", "fi": "fi-FI", "fr": "fr-FR", "gl": "gl-ES", "gu": "gu-IN",
    "ha": "ha-NG", "he": "he-IL", "hi": "hi-IN", "hr": "hr-HR", "ht": "ht-HT", "hu": "hu-HU",
    "hy": "hy-AM", "id": "id-ID", "is": "is-IS", "it": "it-IT", "ja": "ja-JP", "jw": "jv-ID",
    "ka": "ka-GE", "kk": "kk-KZ", "km": "km-KH", "kn": "kn-IN", "ko": "ko-KR", "lt": "lt-LT",
    "lv": "lv-LV", "mi": "mi-NZ", "mk": "mk-MK", "ml": "ml-IN", "mn": "mn-MN", "mr": "mr-IN",
    "ms": "ms-MY", "mt": "mt-MT", "my": "my-MM", "ne": "ne-NP", "nl": "nl-NL", "no": "no-NO",
    "pa": "pa-IN", "pl": "pl-PL", "ps": "ps-AF", "pt": "pt-PT", "ro": "ro-RO", "ru": "ru-RU",
    "si": "si-LK", "sk": "sk-SK", "sl": "sl-SI", "so": "so-SO", "sq": "sq-AL", "sr": "sr-RS",
    "su": "su-ID", "sv": "sv-SE", "sw": "sw-KE", "ta": "ta-IN", "te": "te-IN", "th": "th-TH",
    "tl": "tl-PH", "tr": "tr-TR", "tt": "tt-RU", "uk": "uk-UA", "uz": "uz-UZ", "vi": "vi-VN",
    "yue": "zh-HK", "zh": "zh-CN",
}  # fmt: skip

# Regional forms Transcribe has beyond the defaults; a pin may name one of them.
TRANSCRIBE_REGIONAL: dict[str, str] = {
    "ar-AE": "ar", "de-CH": "de", "en-AU": "en", "en-GB": "en", "en-IE": "en", "en-IN": "en",
    "en-NZ": "en", "en-ZA": "en", "es-MX": "es", "es-US": "es", "fa-AF": "fa", "fr-CA": "fr",
    "pt-BR": "pt", "sw-TZ": "sw", "zh-TW": "zh",
}  # fmt: skip

_REGIONAL_BY_FOLDED = {code.lower(): code for code in TRANSCRIBE_REGIONAL}


def pinnable_codes() -> str:
    """The valid pins, for an error message."""
    return (
        ", ".join(sorted(LANGUAGE_NAMES))
        + " (or a regional form: "
        + ", ".join(sorted(TRANSCRIBE_REGIONAL))
        + ")"
    )


def normalise_language(code: str) -> str:
    """The pin in its canonical form ("de", "en-GB"); ValueError listing the valid ones otherwise."""
    folded = code.strip().replace("_", "-").lower()
    if folded in LANGUAGE_NAMES:
        return folded
    regional = _REGIONAL_BY_FOLDED.get(folded)
    if regional is not None:
        return regional
    primary = folded.split("-")[0]
    if primary in TRANSCRIBE_DEFAULT and TRANSCRIBE_DEFAULT[primary].lower() == folded:
        return primary  # "de-DE" is plain German to every engine
    raise ValueError(f"unknown language code {code[:20]!r}: use one of {pinnable_codes()}")


def whisper_code(pin: str) -> str:
    """What faster-whisper and OpenAI's transcription API take: the primary code ("en" for "en-GB")."""
    return TRANSCRIBE_REGIONAL.get(pin, pin)


def transcribe_code(pin: str) -> str | None:
    """Amazon Transcribe's LanguageCode for the pin; None where Transcribe has no model for it."""
    if pin in TRANSCRIBE_REGIONAL:
        return pin
    return TRANSCRIBE_DEFAULT.get(pin)


def language_name(pin: str) -> str:
    """ "German (de)", "English (en-GB)": how the language is named to the LLM and in messages."""
    return f"{LANGUAGE_NAMES[whisper_code(pin)]} ({pin})"
