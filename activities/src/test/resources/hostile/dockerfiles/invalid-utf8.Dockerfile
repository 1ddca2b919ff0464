FROM alpÿine:3.20
