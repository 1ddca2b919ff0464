FROM аlpine:3.20
