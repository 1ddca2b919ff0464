FROM [31mred[0m:1
