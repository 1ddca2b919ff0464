FROM Alpine:3.20
